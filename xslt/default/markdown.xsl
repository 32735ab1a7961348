<?xml version="1.0" encoding="UTF-8"?>
<!-- Markdown bodies in mode="md": the vocabulary of markdown.c, as
     every page with a body (content-page, article, faq, the editor's
     preview) holds it. -->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:p="urn:portico"
    exclude-result-prefixes="p">

  <!-- Markdown bodies (the vocabulary of markdown.c); headings start at
       h2, the page's title being the h1.  Each element is written by a
       template of its own: an xsl:element whose name is computed
       compiles its XPath again at every node (libxslt), which was a
       tenth of a ticket page's time. -->
  <xsl:template match="p" mode="md"><p><xsl:apply-templates mode="md"/></p></xsl:template>
  <xsl:template match="ul" mode="md"><ul><xsl:apply-templates mode="md"/></ul></xsl:template>
  <xsl:template match="li" mode="md"><li><xsl:apply-templates mode="md"/></li></xsl:template>
  <xsl:template match="blockquote" mode="md"><blockquote><xsl:apply-templates mode="md"/></blockquote></xsl:template>
  <xsl:template match="em" mode="md"><em><xsl:apply-templates mode="md"/></em></xsl:template>
  <xsl:template match="strong" mode="md"><strong><xsl:apply-templates mode="md"/></strong></xsl:template>
  <xsl:template match="code" mode="md"><code><xsl:apply-templates mode="md"/></code></xsl:template>
  <xsl:template match="ol" mode="md">
    <ol>
      <xsl:if test="@start"><xsl:attribute name="start"><xsl:value-of select="@start"/></xsl:attribute></xsl:if>
      <xsl:apply-templates mode="md"/>
    </ol>
  </xsl:template>
  <xsl:template match="br" mode="md"><br/></xsl:template>
  <xsl:template match="hr" mode="md"><hr/></xsl:template>
  <xsl:template match="h" mode="md">
    <xsl:choose>
      <xsl:when test="@level &lt;= 2"><h2><xsl:apply-templates mode="md"/></h2></xsl:when>
      <xsl:when test="@level = 3"><h3><xsl:apply-templates mode="md"/></h3></xsl:when>
      <xsl:when test="@level = 4"><h4><xsl:apply-templates mode="md"/></h4></xsl:when>
      <xsl:when test="@level = 5"><h5><xsl:apply-templates mode="md"/></h5></xsl:when>
      <xsl:otherwise><h6><xsl:apply-templates mode="md"/></h6></xsl:otherwise>
    </xsl:choose>
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
