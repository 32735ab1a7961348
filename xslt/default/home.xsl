<?xml version="1.0" encoding="UTF-8"?>
<!-- The home page (home). -->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:p="urn:portico"
    exclude-result-prefixes="p">

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
</xsl:stylesheet>
