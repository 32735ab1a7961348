<?xml version="1.0" encoding="UTF-8"?>
<!-- A content page (content-page), such as /p/about. -->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:p="urn:portico"
    exclude-result-prefixes="p">

  <xsl:template match="content-page" mode="title">
    <xsl:value-of select="title"/>
  </xsl:template>

  <xsl:template match="content-page">
    <article class="content" lang="{@lang}">
      <xsl:if test="@fallback = 'yes'">
        <p class="notice" lang="{/page/@lang}"><xsl:value-of select="p:t('page.fallback')"/></p>
      </xsl:if>
      <h1><xsl:value-of select="title"/></h1>
      <xsl:if test="string(summary)">
        <p class="lead"><xsl:value-of select="summary"/></p>
      </xsl:if>
      <div class="prose">
        <xsl:apply-templates select="body/node()" mode="md"/>
      </div>
      <p class="meta" lang="{/page/@lang}">
        <xsl:value-of select="p:t('page.updated')"/>
        <xsl:text> </xsl:text>
        <time datetime="{@updated}" dir="ltr"><xsl:value-of select="substring(@updated, 1, 10)"/></time>
      </p>
    </article>
    <xsl:if test="count(translations/translation) &gt; 1">
      <nav class="translations" aria-label="{p:t('page.translations')}">
        <h2><xsl:value-of select="p:t('page.translations')"/></h2>
        <ul>
          <xsl:for-each select="translations/translation">
            <xsl:variable name="code" select="@lang"/>
            <li>
              <a href="/p/{../../@slug}?lang={$code}" hreflang="{$code}" lang="{$code}">
                <xsl:value-of select="/page/languages/language[@code = $code]"/>
              </a>
            </li>
          </xsl:for-each>
        </ul>
      </nav>
    </xsl:if>
  </xsl:template>
</xsl:stylesheet>
