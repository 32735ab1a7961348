<?xml version="1.0" encoding="UTF-8"?>
<!--
  The default theme.  This file is the entry point the worker loads; it
  pulls in the page frame (layout.xsl: head, header, footer), the parts
  several pages share, and one file per page or family of pages, named
  after the page kinds it renders (xslt/README.md lists them).  A child
  theme imports this file and overrides single templates (see
  xslt/example/theme.xsl).
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:p="urn:portico"
    exclude-result-prefixes="p">
  <!-- The frame and shared parts -->
  <xsl:include href="layout.xsl"/>
  <xsl:include href="icons.xsl"/>
  <xsl:include href="components.xsl"/>
  <xsl:include href="markdown.xsl"/>
  <xsl:include href="forms.xsl"/>
  <xsl:include href="lists.xsl"/>
  <!-- Pages -->
  <xsl:include href="home.xsl"/>
  <xsl:include href="content-page.xsl"/>
  <xsl:include href="error.xsl"/>
  <xsl:include href="signin.xsl"/>
  <xsl:include href="account.xsl"/>
  <xsl:include href="two-factor.xsl"/>
  <xsl:include href="staff.xsl"/>
  <xsl:include href="staff-home.xsl"/>
  <xsl:include href="kb.xsl"/>
  <xsl:include href="item.xsl"/>
  <xsl:include href="faq.xsl"/>
  <xsl:include href="news.xsl"/>
  <xsl:include href="downloads.xsl"/>
  <xsl:include href="search.xsl"/>
  <xsl:include href="staff-content.xsl"/>
  <xsl:include href="staff-search.xsl"/>
  <xsl:include href="staff-tickets.xsl"/>
  <!-- tickets: customer -->
  <xsl:include href="tickets.xsl"/>
  <xsl:include href="staff-billing.xsl"/>
  <xsl:include href="billing.xsl"/>
  <xsl:include href="ideas.xsl"/>
  <xsl:include href="forum.xsl"/>
</xsl:stylesheet>
