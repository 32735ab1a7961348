<?xml version="1.0" encoding="UTF-8"?>
<!-- The FAQ (faq): every topic, or one. -->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:p="urn:portico"
    exclude-result-prefixes="p">

  <xsl:template match="faq" mode="title"><xsl:value-of select="p:t('faq.title')"/></xsl:template>
  <xsl:template match="faq">
    <h1>
      <xsl:value-of select="p:t('faq.title')"/>
      <xsl:if test="@topic">: <xsl:value-of select="topic/name"/></xsl:if>
    </h1>
    <xsl:if test="@topic"><p><a href="/faq"><xsl:value-of select="p:t('faq.all')"/></a></p></xsl:if>
    <xsl:if test="not(topic)"><p class="empty"><xsl:value-of select="p:t('kb.empty')"/></p></xsl:if>
    <xsl:for-each select="topic">
      <section class="faq-topic">
        <h2><a href="/faq/{@slug}"><xsl:value-of select="name"/></a></h2>
        <xsl:for-each select="items/item">
          <details class="faq-entry" id="{@slug}" lang="{@lang}">
            <summary><xsl:value-of select="title"/></summary>
            <div class="prose"><xsl:apply-templates select="body/node()" mode="md"/></div>
          </details>
        </xsl:for-each>
        <xsl:if test="not(/page/faq/@topic) and items/@total &gt; count(items/item)">
          <p class="more"><a href="/faq/{@slug}"><xsl:value-of select="p:t('faq.more')"/> (<xsl:value-of select="items/@total"/>)</a></p>
        </xsl:if>
      </section>
    </xsl:for-each>
    <xsl:apply-templates select="pages"/>
  </xsl:template>
</xsl:stylesheet>
