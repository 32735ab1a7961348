<?xml version="1.0" encoding="UTF-8"?>
<!-- The news list (news): every kind, or one. -->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:p="urn:portico"
    exclude-result-prefixes="p">

  <xsl:template match="news" mode="title"><xsl:value-of select="p:t('news.title')"/></xsl:template>
  <xsl:template match="page/news">
    <h1>
      <xsl:value-of select="p:t('news.title')"/>
      <xsl:if test="@kind">: <xsl:value-of select="p:t(concat('news.kind.', @kind))"/></xsl:if>
    </h1>
    <nav class="tabs">
      <a href="/news"><xsl:value-of select="p:t('news.all')"/></a>
      <a href="/news/notices"><xsl:value-of select="p:t('news.kind.notice')"/></a>
      <a href="/news/updates"><xsl:value-of select="p:t('news.kind.update')"/></a>
      <a href="/news/blog"><xsl:value-of select="p:t('news.kind.blog')"/></a>
    </nav>
    <p class="feeds">
      <xsl:value-of select="p:t('news.feeds')"/>
      <xsl:text> </xsl:text>
      <a href="/news/notices.atom" type="application/atom+xml"><xsl:value-of select="p:t('news.kind.notice')"/></a> ·
      <a href="/news/updates.atom" type="application/atom+xml"><xsl:value-of select="p:t('news.kind.update')"/></a> ·
      <a href="/news/blog.atom" type="application/atom+xml"><xsl:value-of select="p:t('news.kind.blog')"/></a>
    </p>
    <xsl:apply-templates select="items"/>
  </xsl:template>
</xsl:stylesheet>
