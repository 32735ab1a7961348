<?xml version="1.0" encoding="UTF-8"?>
<!-- The downloads list (downloads). -->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:p="urn:portico"
    exclude-result-prefixes="p">

  <xsl:template match="downloads" mode="title"><xsl:value-of select="p:t('downloads.title')"/></xsl:template>
  <xsl:template match="downloads">
    <h1><xsl:value-of select="p:t('downloads.title')"/></h1>
    <xsl:apply-templates select="items"/>
    <xsl:apply-templates select="pages"/>
  </xsl:template>
</xsl:stylesheet>
