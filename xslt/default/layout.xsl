<?xml version="1.0" encoding="UTF-8"?>
<!--
  The page frame.  Named templates a child theme may override:
    head-extra       more <link>s in <head> (the example theme adds its CSS)
    header           the site header: calls the six below
    brand            the logo and the site's name, a link to the home page
    menu-button      the phone's menu button (a checkbox and its label)
    navigation       the main navigation (home, knowledge base, FAQ, news,
                     downloads)
    header-search    the search form in the header
    user-menu        staff pages, the account and sign out; or sign in
    language-switch  the language form
    footer           the site footer
  The banner of active service notices is drawn here too.
  The worker serializes the result as HTML5 itself (doctype included)
  and adds nothing to it, so the head carries the one charset <meta>.
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:p="urn:portico"
    exclude-result-prefixes="p">

  <xsl:output method="html" encoding="UTF-8" indent="no"/>

  <xsl:template match="/page">
    <html lang="{@lang}" dir="{@dir}">
      <head>
        <meta charset="utf-8"/>
        <meta name="viewport" content="width=device-width, initial-scale=1"/>
        <title>
          <xsl:apply-templates select="*" mode="title"/>
          <xsl:text> · </xsl:text>
          <xsl:value-of select="site/@name"/>
        </title>
        <link rel="icon" href="/static/default/logo.svg" type="image/svg+xml"/>
        <link rel="stylesheet" href="/static/default/portico.css"/>
        <xsl:for-each select="/page/*/translations/translation[/page/article or /page/news-item]">
          <link rel="alternate" hreflang="{@lang}" href="{/page/site/@url}{@url}"/>
        </xsl:for-each>
        <xsl:if test="/page/news or /page/home">
          <xsl:call-template name="news-feeds"/>
        </xsl:if>
        <xsl:call-template name="forum-feeds"/>
        <script src="/static/default/suggest.js" defer="defer"/>
        <xsl:call-template name="head-extra"/>
      </head>
      <body class="kind-{@kind}">
        <a class="skip" href="#main"><xsl:value-of select="p:t('nav.skip')"/></a>
        <xsl:call-template name="header"/>
        <xsl:apply-templates select="active-notices"/>
        <main id="main" class="main">
          <xsl:apply-templates select="notice"/>
          <xsl:apply-templates select="*[not(self::site or self::languages or
              self::user or self::notice or self::active-notices)]"/>
        </main>
        <xsl:call-template name="footer"/>
      </body>
    </html>
  </xsl:template>

  <xsl:template name="head-extra"/>

  <!-- The news feeds, announced in the head of the home and news pages -->
  <xsl:template name="news-feeds">
    <link rel="alternate" type="application/atom+xml" href="/news/notices.atom" title="{p:t('news.kind.notice')}"/>
    <link rel="alternate" type="application/atom+xml" href="/news/updates.atom" title="{p:t('news.kind.update')}"/>
    <link rel="alternate" type="application/atom+xml" href="/news/blog.atom" title="{p:t('news.kind.blog')}"/>
  </xsl:template>

  <!-- The community's feeds: a public category's (only those have one),
       announced on its page and, for every public category, on /community -->
  <xsl:template name="forum-feeds">
    <xsl:for-each select="/page/forum-category/forum-category[@visibility = 'public'] | /page/forum//forum-category[@visibility = 'public']">
      <link rel="alternate" type="application/atom+xml" href="/community/feed/{@slug}" title="{name}"/>
    </xsl:for-each>
  </xsl:template>

  <!-- The header is six pieces, each its own template, so that a theme
       overrides one (the example theme: the brand) and keeps the rest.
       On a phone the navigation, the account menu and the language
       switch fold into a menu that the menu button opens: a checkbox
       and its label, so it works without JavaScript (portico.css). -->
  <xsl:template name="header">
    <header class="site-header">
      <div class="bar">
        <xsl:call-template name="brand"/>
        <xsl:call-template name="header-search"/>
        <xsl:call-template name="menu-button"/>
        <div class="menu-panel" id="menu-panel">
          <xsl:call-template name="navigation"/>
          <xsl:call-template name="user-menu"/>
          <xsl:call-template name="language-switch"/>
        </div>
      </div>
    </header>
  </xsl:template>

  <xsl:template name="menu-button">
    <input type="checkbox" id="menu-toggle" class="menu-toggle" aria-controls="menu-panel"/>
    <label for="menu-toggle" class="menu-button">
      <xsl:call-template name="icon"><xsl:with-param name="name" select="'menu'"/></xsl:call-template>
      <xsl:value-of select="p:t('nav.menu')"/>
    </label>
  </xsl:template>

  <xsl:template name="brand">
    <a class="brand" href="/">
      <img src="/static/default/logo.svg" alt="" width="32" height="32"/>
      <span class="brand-name"><xsl:value-of select="/page/site/@name"/></span>
    </a>
  </xsl:template>

  <xsl:template name="navigation">
    <nav class="nav" aria-label="{p:t('nav.label')}">
      <xsl:call-template name="nav-link"><xsl:with-param name="href" select="'/'"/><xsl:with-param name="key" select="'nav.home'"/></xsl:call-template>
      <xsl:call-template name="nav-link"><xsl:with-param name="href" select="'/kb'"/><xsl:with-param name="key" select="'nav.kb'"/></xsl:call-template>
      <xsl:call-template name="nav-link"><xsl:with-param name="href" select="'/faq'"/><xsl:with-param name="key" select="'nav.faq'"/></xsl:call-template>
      <xsl:call-template name="nav-link"><xsl:with-param name="href" select="'/news'"/><xsl:with-param name="key" select="'nav.news'"/></xsl:call-template>
      <xsl:call-template name="nav-link"><xsl:with-param name="href" select="'/downloads'"/><xsl:with-param name="key" select="'nav.downloads'"/></xsl:call-template>
      <xsl:call-template name="nav-link"><xsl:with-param name="href" select="'/ideas'"/><xsl:with-param name="key" select="'ideas.nav'"/></xsl:call-template>
      <xsl:call-template name="nav-link"><xsl:with-param name="href" select="'/community'"/><xsl:with-param name="key" select="'forum-nav'"/></xsl:call-template>
    </nav>
  </xsl:template>

  <!-- A link of the navigation; aria-current on the one the page is
       under. -->
  <xsl:template name="nav-link">
    <xsl:param name="href"/>
    <xsl:param name="key"/>
    <xsl:variable name="path" select="/page/@path"/>
    <a href="{$href}">
      <xsl:if test="$path = $href or ($href != '/' and starts-with($path, concat($href, '/')))">
        <xsl:attribute name="aria-current">page</xsl:attribute>
      </xsl:if>
      <xsl:value-of select="p:t($key)"/>
    </a>
  </xsl:template>

  <!-- Left out on the home page, whose own search is the prominent one. -->
  <xsl:template name="header-search">
    <xsl:if test="not(/page/home)">
      <form class="search search-header" method="get" action="/search" role="search">
        <label for="q-head" class="visually-hidden"><xsl:value-of select="p:t('search.label')"/></label>
        <input id="q-head" type="search" name="q" maxlength="200" autocomplete="off"
            data-suggest="/search/suggest" placeholder="{p:t('search.placeholder')}"/>
        <button type="submit"><xsl:value-of select="p:t('search.button')"/></button>
      </form>
    </xsl:if>
  </xsl:template>

  <!-- The account menu: the staff pages' link, a customer's support
       tickets, the account's and sign out, or the sign-in link. -->
  <xsl:template name="user-menu">
    <div class="user-menu">
      <xsl:choose>
        <xsl:when test="/page/user">
          <xsl:if test="/page/user/@role != 'customer'">
            <a href="/staff"><xsl:value-of select="p:t('staff.title')"/></a>
          </xsl:if>
          <xsl:if test="/page/user/@account = 'yes'">
            <a href="/tickets"><xsl:value-of select="p:t('tickets.title')"/></a>
          </xsl:if>
          <a href="/account"><xsl:value-of select="/page/user/@name"/></a>
          <form method="post" action="/signout" class="inline">
            <input type="hidden" name="csrf" value="{/page/user/@csrf}"/>
            <button type="submit" class="link"><xsl:value-of select="p:t('nav.signout')"/></button>
          </form>
        </xsl:when>
        <xsl:otherwise>
          <a href="/signin"><xsl:value-of select="p:t('nav.signin')"/></a>
        </xsl:otherwise>
      </xsl:choose>
    </div>
  </xsl:template>

  <xsl:template name="language-switch">
    <form class="lang-switch" method="post" action="/language">
      <input type="hidden" name="next" value="{/page/@path}"/>
      <!-- Signed in, the choice is stored as the user's setting: that
           needs the session's token.  Anonymous pages (cached) have none. -->
      <xsl:if test="/page/user/@csrf">
        <input type="hidden" name="csrf" value="{/page/user/@csrf}"/>
      </xsl:if>
      <label for="lang-select"><xsl:value-of select="p:t('lang.label')"/></label>
      <select id="lang-select" name="lang">
        <xsl:for-each select="/page/languages/language">
          <option value="{@code}" lang="{@code}" dir="{@dir}">
            <xsl:if test="@current = 'yes'">
              <xsl:attribute name="selected">selected</xsl:attribute>
            </xsl:if>
            <xsl:value-of select="."/>
          </option>
        </xsl:for-each>
      </select>
      <button type="submit"><xsl:value-of select="p:t('lang.switch')"/></button>
    </form>
  </xsl:template>

  <xsl:template name="footer">
    <footer class="site-footer">
      <p>
        <xsl:value-of select="p:t('footer.powered')"/>
        <xsl:if test="/page/site/@development = 'yes'">
          <xsl:text> · </xsl:text>
          <a href="?format=xml"><xsl:value-of select="p:t('footer.xml')"/></a>
        </xsl:if>
      </p>
    </footer>
  </xsl:template>

  <!-- The banner of active service notices, on every page: one strip
       per notice, coloured by its severity, its text in line with the
       page's content. -->
  <xsl:template match="active-notices">
    <div class="banner" role="status">
      <xsl:for-each select="notice">
        <p class="banner-notice severity-{@severity}" lang="{@lang}">
          <a href="{@url}"><xsl:value-of select="."/></a>
        </p>
      </xsl:for-each>
    </div>
  </xsl:template>

  <!-- Page titles: each page kind adds its own in mode="title". -->
  <xsl:template match="*" mode="title"/>
</xsl:stylesheet>
