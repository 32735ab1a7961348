<?xml version="1.0" encoding="UTF-8"?>
<!--
  The default theme.  This file is the entry point the worker loads; it
  pulls in the layout (page frame: head, header, footer), the pages and
  the error page.  A child theme imports this file and overrides single
  templates (see xslt/example/theme.xsl and xslt/README.md).
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:p="urn:portico"
    exclude-result-prefixes="p">
  <xsl:include href="layout.xsl"/>
  <xsl:include href="pages.xsl"/>
  <xsl:include href="error.xsl"/>
  <xsl:include href="forms.xsl"/>
  <xsl:include href="account.xsl"/>
  <xsl:include href="staff.xsl"/>
  <xsl:include href="kb.xsl"/>
  <xsl:include href="content.xsl"/>
</xsl:stylesheet>
