<?xml version="1.0" encoding="UTF-8"?>
<!-- Markdown bodies in mode="md": the vocabulary of markdown.c, as
     every page with a body (content-page, article, faq, the editor's
     preview) holds it. -->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:p="urn:portico"
    exclude-result-prefixes="p">

  <!-- Markdown bodies (the vocabulary of markdown.c); headings start at
       h2, the page's title being the h1. -->
  <xsl:template match="p | ul | ol | li | blockquote | em | strong | code | br | hr" mode="md">
    <xsl:element name="{local-name()}">
      <xsl:if test="@start"><xsl:attribute name="start"><xsl:value-of select="@start"/></xsl:attribute></xsl:if>
      <xsl:apply-templates mode="md"/>
    </xsl:element>
  </xsl:template>
  <xsl:template match="h" mode="md">
    <xsl:variable name="level">
      <xsl:choose>
        <xsl:when test="@level &lt; 2">2</xsl:when>
        <xsl:when test="@level &gt; 6">6</xsl:when>
        <xsl:otherwise><xsl:value-of select="@level"/></xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <xsl:element name="h{$level}"><xsl:apply-templates mode="md"/></xsl:element>
  </xsl:template>
  <xsl:template match="pre" mode="md">
    <pre dir="ltr"><code><xsl:value-of select="."/></code></pre>
  </xsl:template>
  <xsl:template match="a" mode="md">
    <a href="{@href}">
      <xsl:if test="@title"><xsl:attribute name="title"><xsl:value-of select="@title"/></xsl:attribute></xsl:if>
      <xsl:apply-templates mode="md"/>
    </a>
  </xsl:template>
  <xsl:template match="img" mode="md">
    <img src="{@src}" alt="{@alt}" loading="lazy">
      <xsl:if test="@title"><xsl:attribute name="title"><xsl:value-of select="@title"/></xsl:attribute></xsl:if>
    </img>
  </xsl:template>
  <xsl:template match="text()" mode="md"><xsl:value-of select="."/></xsl:template>
  <xsl:template match="*" mode="md"><xsl:apply-templates mode="md"/></xsl:template>
</xsl:stylesheet>
