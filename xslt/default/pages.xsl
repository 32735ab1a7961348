<?xml version="1.0" encoding="UTF-8"?>
<!-- The pages: one template per page element (see xslt/README.md). -->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:p="urn:portico"
    exclude-result-prefixes="p">

  <!-- Home -->
  <xsl:template match="home" mode="title">
    <xsl:value-of select="p:t('home.title')"/>
  </xsl:template>

  <xsl:template match="home">
    <section class="hero">
      <h1><xsl:value-of select="p:t('home.welcome', /page/site/@name)"/></h1>
      <p class="lead"><xsl:value-of select="p:t('home.intro')"/></p>
    </section>
    <section class="cards" aria-labelledby="pages-heading">
      <h2 id="pages-heading"><xsl:value-of select="p:t('home.pages')"/></h2>
      <xsl:choose>
        <xsl:when test="pages/item">
          <ul class="card-list">
            <xsl:for-each select="pages/item">
              <li class="card">
                <a href="/p/{@slug}">
                  <xsl:if test="@lang != /page/@lang">
                    <xsl:attribute name="lang"><xsl:value-of select="@lang"/></xsl:attribute>
                  </xsl:if>
                  <xsl:value-of select="title"/>
                </a>
                <xsl:if test="string(summary)">
                  <p><xsl:value-of select="summary"/></p>
                </xsl:if>
              </li>
            </xsl:for-each>
          </ul>
        </xsl:when>
        <xsl:otherwise>
          <p class="empty"><xsl:value-of select="p:t('home.empty')"/></p>
        </xsl:otherwise>
      </xsl:choose>
    </section>
  </xsl:template>

  <!-- Content page -->
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
      <xsl:for-each select="body/para">
        <p><xsl:value-of select="."/></p>
      </xsl:for-each>
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
