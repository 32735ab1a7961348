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
      <xsl:call-template name="search-form"/>
    </section>
    <div class="home-columns">
      <section aria-labelledby="newest-heading">
        <h2 id="newest-heading"><a href="/kb"><xsl:value-of select="p:t('kb.newest')"/></a></h2>
        <xsl:apply-templates select="items[@name = 'newest']"/>
      </section>
      <section aria-labelledby="news-heading">
        <h2 id="news-heading"><a href="/news"><xsl:value-of select="p:t('news.title')"/></a></h2>
        <xsl:apply-templates select="items[@name = 'news']"/>
      </section>
    </div>
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
