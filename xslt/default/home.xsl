<?xml version="1.0" encoding="UTF-8"?>
<!--
  The home page (home): one search (the header's is left out here), the
  knowledge base's topics as tiles, the newest and the popular articles,
  the service notices in force and the news, then where to turn next (the
  contact page, the FAQ) and the site's pages.  Each part is its own template
  (mode="home"), so a theme reorders or replaces one.
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:p="urn:portico"
    exclude-result-prefixes="p">

  <xsl:template match="home" mode="title">
    <xsl:value-of select="p:t('home.title')"/>
  </xsl:template>

  <xsl:template match="home">
    <section class="hero" aria-labelledby="home-heading">
      <h1 id="home-heading"><xsl:value-of select="p:t('home.welcome', /page/site/@name)"/></h1>
      <p class="lead"><xsl:value-of select="p:t('home.intro')"/></p>
      <xsl:call-template name="search-form"/>
    </section>
    <xsl:apply-templates select="categories" mode="home"/>
    <div class="home-columns">
      <section class="card" aria-labelledby="newest-heading">
        <h2 id="newest-heading"><a href="/kb"><xsl:value-of select="p:t('kb.newest')"/></a></h2>
        <xsl:apply-templates select="items[@name = 'newest']"/>
      </section>
      <!-- The most read articles of late (none on a new site: no card) -->
      <xsl:if test="items[@name = 'popular']/item">
        <section class="card" aria-labelledby="popular-heading">
          <h2 id="popular-heading"><xsl:value-of select="p:t('kb.popular')"/></h2>
          <xsl:apply-templates select="items[@name = 'popular']"/>
        </section>
      </xsl:if>
      <section class="card" aria-labelledby="notices-heading">
        <h2 id="notices-heading"><a href="/news/notices"><xsl:value-of select="p:t('home.notices')"/></a></h2>
        <xsl:apply-templates select="/page/active-notices" mode="home"/>
        <xsl:if test="not(/page/active-notices/notice)">
          <p class="all-clear">
            <xsl:call-template name="icon"><xsl:with-param name="name" select="'check'"/></xsl:call-template>
            <xsl:value-of select="p:t('home.notices-none')"/>
          </p>
        </xsl:if>
      </section>
      <section class="card" aria-labelledby="news-heading">
        <h2 id="news-heading"><a href="/news"><xsl:value-of select="p:t('news.title')"/></a></h2>
        <xsl:apply-templates select="items[@name = 'news']"/>
      </section>
      <!-- The community's active topics (forum.xsl) -->
      <xsl:apply-templates select="forum-topics[@name = 'active']" mode="home"/>
    </div>
    <xsl:apply-templates select="ideas" mode="home"/>
    <xsl:apply-templates select="." mode="help"/>
    <xsl:apply-templates select="pages" mode="home"/>
  </xsl:template>

  <!-- The top categories as tiles, each with its icon -->
  <xsl:template match="categories" mode="home">
    <section class="home-section" aria-labelledby="topics-heading">
      <h2 id="topics-heading"><xsl:value-of select="p:t('home.topics')"/></h2>
      <xsl:choose>
        <xsl:when test="category">
          <ul class="tiles">
            <xsl:for-each select="category">
              <li>
                <xsl:call-template name="tile">
                  <xsl:with-param name="href" select="concat('/kb/', @slug)"/>
                  <xsl:with-param name="label" select="name"/>
                  <xsl:with-param name="icon">
                    <xsl:call-template name="category-icon">
                      <xsl:with-param name="slug" select="@slug"/>
                    </xsl:call-template>
                  </xsl:with-param>
                </xsl:call-template>
              </li>
            </xsl:for-each>
          </ul>
        </xsl:when>
        <xsl:otherwise>
          <xsl:call-template name="empty-state">
            <xsl:with-param name="text" select="p:t('home.empty')"/>
          </xsl:call-template>
        </xsl:otherwise>
      </xsl:choose>
    </section>
  </xsl:template>

  <!-- The notices in force (the banner's, listed again in their card) -->
  <xsl:template match="active-notices" mode="home">
    <ul class="item-list">
      <xsl:for-each select="notice">
        <li lang="{@lang}">
          <a href="{@url}"><xsl:value-of select="."/></a>
          <span class="badge severity-{@severity}" lang="{/page/@lang}">
            <xsl:value-of select="p:t(concat('severity.', @severity))"/>
          </span>
        </li>
      </xsl:for-each>
    </ul>
  </xsl:template>

  <!-- Still need help?  The ways that exist: the FAQ, the knowledge
       base, a support ticket and the contact page (when the site has
       one). -->
  <xsl:template match="home" mode="help">
    <section class="card help home-section" aria-labelledby="help-heading">
      <h2 id="help-heading">
        <xsl:call-template name="icon"><xsl:with-param name="name" select="'lifebuoy'"/></xsl:call-template>
        <xsl:value-of select="p:t('home.help')"/>
      </h2>
      <p><xsl:value-of select="p:t('home.help-text')"/></p>
      <ul class="card-actions">
        <li><a class="button-secondary button" href="/faq">
          <xsl:call-template name="icon"><xsl:with-param name="name" select="'question'"/></xsl:call-template>
          <xsl:value-of select="p:t('home.help-faq')"/></a></li>
        <li><a class="button-secondary button" href="/kb">
          <xsl:call-template name="icon"><xsl:with-param name="name" select="'book'"/></xsl:call-template>
          <xsl:value-of select="p:t('home.help-kb')"/></a></li>
        <li><a class="button-secondary button" href="/tickets/new">
          <xsl:call-template name="icon"><xsl:with-param name="name" select="'lifebuoy'"/></xsl:call-template>
          <xsl:value-of select="p:t('home.help-ticket')"/></a></li>
        <xsl:if test="pages/item[@slug = 'contact']">
          <li><a class="button" href="/p/contact">
            <xsl:call-template name="icon"><xsl:with-param name="name" select="'chat'"/></xsl:call-template>
            <xsl:value-of select="p:t('home.help-contact')"/></a></li>
        </xsl:if>
      </ul>
    </section>
  </xsl:template>

  <!-- The site's own pages (about, contact, terms) -->
  <xsl:template match="pages" mode="home">
    <section class="home-section" aria-labelledby="pages-heading">
      <h2 id="pages-heading"><xsl:value-of select="p:t('home.pages')"/></h2>
      <xsl:choose>
        <xsl:when test="item">
          <ul class="card-list">
            <xsl:for-each select="item">
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
          <xsl:call-template name="empty-state">
            <xsl:with-param name="text" select="p:t('home.empty')"/>
          </xsl:call-template>
        </xsl:otherwise>
      </xsl:choose>
    </section>
  </xsl:template>
</xsl:stylesheet>
