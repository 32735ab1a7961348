<?xml version="1.0" encoding="UTF-8"?>
<!-- The knowledge hub: knowledge base, articles, FAQ, news, downloads
     and search (see xslt/README.md for the vocabulary). -->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:p="urn:portico"
    xmlns:str="http://exslt.org/strings"
    exclude-result-prefixes="p str">

  <!-- A list of items (itemlist.c) -->
  <xsl:template match="items">
    <xsl:choose>
      <xsl:when test="item">
        <ul class="item-list">
          <xsl:apply-templates select="item"/>
        </ul>
      </xsl:when>
      <xsl:otherwise>
        <p class="empty"><xsl:value-of select="p:t('kb.empty')"/></p>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="items/item">
    <li class="item item-{@kind}">
      <a href="{@url}" lang="{@lang}">
        <xsl:value-of select="title"/>
      </a>
      <xsl:if test="@kind = 'video'">
        <span class="badge"><xsl:value-of select="p:t('kind.video')"/></span>
      </xsl:if>
      <xsl:if test="@severity">
        <span class="badge severity-{@severity}"><xsl:value-of select="p:t(concat('severity.', @severity))"/></span>
      </xsl:if>
      <xsl:if test="@fallback = 'yes'">
        <span class="badge"><xsl:value-of select="p:t(concat('langname.', @lang))"/></span>
      </xsl:if>
      <xsl:if test="string(summary)">
        <p lang="{@lang}"><xsl:value-of select="summary"/></p>
      </xsl:if>
      <xsl:if test="@size">
        <p class="meta">
          <xsl:if test="@version"><xsl:value-of select="p:t('download.version', @version)"/> · </xsl:if>
          <xsl:call-template name="size"><xsl:with-param name="n" select="@size"/></xsl:call-template>
        </p>
      </xsl:if>
      <xsl:if test="@published and ../@name = 'news'">
        <p class="meta"><time datetime="{@published}" dir="ltr"><xsl:value-of select="substring(@published, 1, 10)"/></time></p>
      </xsl:if>
    </li>
  </xsl:template>

  <xsl:template name="size">
    <xsl:param name="n"/>
    <xsl:choose>
      <xsl:when test="$n &gt;= 1048576"><xsl:value-of select="format-number($n div 1048576, '0.0')"/> MB</xsl:when>
      <xsl:when test="$n &gt;= 1024"><xsl:value-of select="format-number($n div 1024, '0')"/> kB</xsl:when>
      <xsl:otherwise><xsl:value-of select="$n"/> B</xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="trail">
    <nav class="trail" aria-label="{p:t('kb.trail')}">
      <a href="/kb"><xsl:value-of select="p:t('kb.title')"/></a>
      <xsl:for-each select="category">
        <xsl:text> › </xsl:text>
        <a href="/kb/{@slug}"><xsl:value-of select="."/></a>
      </xsl:for-each>
    </nav>
  </xsl:template>

  <!-- The knowledge base's front page -->
  <xsl:template match="kb" mode="title"><xsl:value-of select="p:t('kb.title')"/></xsl:template>
  <xsl:template match="kb">
    <h1><xsl:value-of select="p:t('kb.title')"/></h1>
    <xsl:call-template name="search-form"/>
    <section class="categories">
      <h2><xsl:value-of select="p:t('kb.categories')"/></h2>
      <ul class="card-list">
        <xsl:for-each select="categories/category">
          <li class="card">
            <a href="/kb/{@slug}"><xsl:value-of select="name"/></a>
            <xsl:if test="category">
              <ul class="sub">
                <xsl:for-each select="category">
                  <li><a href="/kb/{@slug}"><xsl:value-of select="name"/></a></li>
                </xsl:for-each>
              </ul>
            </xsl:if>
          </li>
        </xsl:for-each>
      </ul>
    </section>
    <section>
      <h2><xsl:value-of select="p:t('kb.newest')"/></h2>
      <xsl:apply-templates select="items"/>
    </section>
  </xsl:template>

  <!-- A category -->
  <xsl:template match="kb-category" mode="title"><xsl:value-of select="name"/></xsl:template>
  <xsl:template match="kb-category">
    <xsl:apply-templates select="trail"/>
    <h1><xsl:value-of select="name"/></h1>
    <xsl:if test="categories/category">
      <ul class="sub">
        <xsl:for-each select="categories/category">
          <li><a href="/kb/{@slug}"><xsl:value-of select="name"/></a></li>
        </xsl:for-each>
      </ul>
    </xsl:if>
    <xsl:apply-templates select="items"/>
    <xsl:if test="pages/@last &gt; 1">
      <nav class="pager" aria-label="{p:t('pager.label')}">
        <xsl:if test="pages/@current &gt; 1">
          <a rel="prev" href="?page={pages/@current - 1}"><xsl:value-of select="p:t('pager.prev')"/></a>
        </xsl:if>
        <span><xsl:value-of select="p:t('pager.of', pages/@current, pages/@last)"/></span>
        <xsl:if test="pages/@current &lt; pages/@last">
          <a rel="next" href="?page={pages/@current + 1}"><xsl:value-of select="p:t('pager.next')"/></a>
        </xsl:if>
      </nav>
    </xsl:if>
  </xsl:template>

  <!-- An article, video tutorial or FAQ entry -->
  <xsl:template match="article | news-item | download" mode="title"><xsl:value-of select="title"/></xsl:template>
  <xsl:template match="article | news-item | download">
    <xsl:apply-templates select="trail"/>
    <article class="content item-{@kind}" lang="{@lang}">
      <xsl:if test="@status != 'published'">
        <p class="notice notice-warning" lang="{/page/@lang}"><xsl:value-of select="p:t(concat('status.', @status))"/></p>
      </xsl:if>
      <xsl:if test="@fallback = 'yes'">
        <p class="notice" lang="{/page/@lang}">
          <xsl:choose>
            <xsl:when test="translations/translation[@yours = 'yes']">
              <xsl:value-of select="p:t('article.yours')"/>
              <xsl:text> </xsl:text>
              <a href="{translations/translation[@yours = 'yes']/@url}" hreflang="{/page/@lang}">
                <xsl:value-of select="translations/translation[@yours = 'yes']"/>
              </a>
            </xsl:when>
            <xsl:otherwise>
              <xsl:value-of select="p:t('article.fallback', p:t(concat('langname.', @lang)))"/>
            </xsl:otherwise>
          </xsl:choose>
        </p>
      </xsl:if>
      <xsl:apply-templates select="news" mode="head"/>
      <h1><xsl:value-of select="title"/></h1>
      <xsl:if test="string(summary)">
        <p class="lead"><xsl:value-of select="summary"/></p>
      </xsl:if>
      <xsl:apply-templates select="video"/>
      <div class="prose">
        <xsl:apply-templates select="body/node()" mode="md"/>
      </div>
      <xsl:apply-templates select="file"/>
      <xsl:if test="attachments/file">
        <section class="attachments" lang="{/page/@lang}">
          <h2><xsl:value-of select="p:t('article.attachments')"/></h2>
          <ul>
            <xsl:for-each select="attachments/file">
              <li><a href="{@href}"><xsl:value-of select="."/></a>
                <xsl:text> (</xsl:text>
                <xsl:call-template name="size"><xsl:with-param name="n" select="@size"/></xsl:call-template>
                <xsl:text>)</xsl:text></li>
            </xsl:for-each>
          </ul>
        </section>
      </xsl:if>
      <p class="meta" lang="{/page/@lang}">
        <xsl:value-of select="p:t('page.updated')"/>
        <xsl:text> </xsl:text>
        <time datetime="{@updated}" dir="ltr"><xsl:value-of select="substring(@updated, 1, 10)"/></time>
        <xsl:for-each select="tags/tag">
          <xsl:text> · </xsl:text>
          <a class="tag" href="/search?q={str:encode-uri(., true())}"><xsl:value-of select="."/></a>
        </xsl:for-each>
      </p>
    </article>
    <xsl:apply-templates select="feedback"/>
    <xsl:if test="count(translations/translation) &gt; 1">
      <nav class="translations" aria-label="{p:t('page.translations')}">
        <h2><xsl:value-of select="p:t('page.translations')"/></h2>
        <ul>
          <xsl:for-each select="translations/translation[not(@current)]">
            <li>
              <a href="{@url}" hreflang="{@lang}" lang="{@lang}">
                <xsl:value-of select="p:t(concat('langname.', @lang))"/>
                <xsl:text>: </xsl:text>
                <xsl:value-of select="."/>
              </a>
            </li>
          </xsl:for-each>
        </ul>
      </nav>
    </xsl:if>
    <xsl:if test="related/item">
      <nav class="related" aria-label="{p:t('article.related')}">
        <h2><xsl:value-of select="p:t('article.related')"/></h2>
        <ul>
          <xsl:for-each select="related/item">
            <li><a href="{@url}"><xsl:value-of select="."/></a></li>
          </xsl:for-each>
        </ul>
      </nav>
    </xsl:if>
  </xsl:template>

  <xsl:template match="news" mode="head">
    <p class="meta">
      <span class="badge"><xsl:value-of select="p:t(concat('news.kind.', @kind))"/></span>
      <xsl:if test="string(@severity)">
        <xsl:text> </xsl:text>
        <span class="badge severity-{@severity}"><xsl:value-of select="p:t(concat('severity.', @severity))"/></span>
      </xsl:if>
      <xsl:if test="string(@starts)">
        <xsl:text> </xsl:text>
        <span dir="ltr"><xsl:value-of select="@starts"/> – <xsl:value-of select="@ends"/> UTC</span>
      </xsl:if>
    </p>
  </xsl:template>

  <xsl:template match="video">
    <div class="video">
      <xsl:choose>
        <xsl:when test="@src">
          <video controls="controls" preload="metadata" src="{@src}">
            <xsl:value-of select="p:t('video.unsupported')"/>
          </video>
        </xsl:when>
        <xsl:when test="@embed">
          <iframe src="{@embed}" title="{../title}" loading="lazy"
              allow="fullscreen; picture-in-picture" sandbox="allow-scripts allow-same-origin allow-presentation"/>
        </xsl:when>
      </xsl:choose>
    </div>
  </xsl:template>

  <xsl:template match="download/file">
    <section class="download-file" lang="{/page/@lang}">
      <p><a class="button" href="{@href}"><xsl:value-of select="p:t('download.get', @name)"/></a></p>
      <dl>
        <xsl:if test="string(@version)">
          <dt><xsl:value-of select="p:t('download.version-label')"/></dt><dd><xsl:value-of select="@version"/></dd>
        </xsl:if>
        <dt><xsl:value-of select="p:t('download.size')"/></dt>
        <dd><xsl:call-template name="size"><xsl:with-param name="n" select="@size"/></xsl:call-template></dd>
        <dt><xsl:value-of select="p:t('download.type')"/></dt><dd dir="ltr"><xsl:value-of select="@type"/></dd>
        <dt>SHA-256</dt><dd dir="ltr"><code class="checksum"><xsl:value-of select="@sha256"/></code></dd>
      </dl>
    </section>
  </xsl:template>

  <xsl:template match="feedback">
    <section class="feedback" aria-labelledby="feedback-h">
      <h2 id="feedback-h"><xsl:value-of select="p:t('feedback.question')"/></h2>
      <xsl:if test="@voted">
        <p class="meta"><xsl:value-of select="p:t(concat('feedback.voted-', @voted))"/></p>
      </xsl:if>
      <form method="post" action="/a/{../@slug}/feedback">
        <xsl:if test="/page/user">
          <input type="hidden" name="csrf" value="{/page/user/@csrf}"/>
        </xsl:if>
        <label for="fb-comment"><xsl:value-of select="p:t('feedback.comment')"/></label>
        <textarea id="fb-comment" name="comment" rows="2" maxlength="2000"/>
        <button type="submit" name="helpful" value="yes"><xsl:value-of select="p:t('feedback.yes')"/></button>
        <xsl:text> </xsl:text>
        <button type="submit" name="helpful" value="no"><xsl:value-of select="p:t('feedback.no')"/></button>
      </form>
    </section>
  </xsl:template>

  <!-- FAQ -->
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
      </section>
    </xsl:for-each>
  </xsl:template>

  <!-- News -->
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

  <!-- Downloads -->
  <xsl:template match="downloads" mode="title"><xsl:value-of select="p:t('downloads.title')"/></xsl:template>
  <xsl:template match="downloads">
    <h1><xsl:value-of select="p:t('downloads.title')"/></h1>
    <xsl:apply-templates select="items"/>
  </xsl:template>

  <!-- Search -->
  <xsl:template name="search-form">
    <xsl:param name="q" select="''"/>
    <form class="search" method="get" action="/search" role="search">
      <label for="q-main" class="visually-hidden"><xsl:value-of select="p:t('search.label')"/></label>
      <input id="q-main" type="search" name="q" value="{$q}" maxlength="200"
          autocomplete="off" data-suggest="/search/suggest"
          placeholder="{p:t('search.placeholder')}"/>
      <button type="submit"><xsl:value-of select="p:t('search.button')"/></button>
    </form>
  </xsl:template>

  <xsl:template match="search" mode="title"><xsl:value-of select="p:t('search.title')"/></xsl:template>
  <xsl:template match="search">
    <h1><xsl:value-of select="p:t('search.title')"/></h1>
    <form class="search search-page" method="get" action="/search" role="search">
      <label for="q-page" class="visually-hidden"><xsl:value-of select="p:t('search.label')"/></label>
      <input id="q-page" type="search" name="q" value="{query}" maxlength="200"
          autocomplete="off" data-suggest="/search/suggest"/>
      <xsl:call-template name="search-filter"><xsl:with-param name="name" select="'kind'"/></xsl:call-template>
      <xsl:call-template name="search-filter"><xsl:with-param name="name" select="'category'"/></xsl:call-template>
      <xsl:call-template name="search-filter"><xsl:with-param name="name" select="'product'"/></xsl:call-template>
      <xsl:call-template name="search-filter"><xsl:with-param name="name" select="'in'"/></xsl:call-template>
      <button type="submit"><xsl:value-of select="p:t('search.button')"/></button>
    </form>
    <xsl:choose>
      <xsl:when test="@empty">
        <div class="help">
          <p><xsl:value-of select="p:t(concat('search.help-', @empty))"/></p>
          <p><xsl:value-of select="p:t('search.help-tips')"/></p>
        </div>
      </xsl:when>
      <xsl:when test="@total = 0">
        <p class="empty"><xsl:value-of select="p:t('search.none', query)"/></p>
        <p><xsl:value-of select="p:t('search.help-tips')"/></p>
      </xsl:when>
      <xsl:otherwise>
        <p class="meta" role="status">
          <xsl:choose>
            <xsl:when test="@more"><xsl:value-of select="p:t('search.count-more', @total)"/></xsl:when>
            <xsl:otherwise><xsl:value-of select="p:t('search.count', @total)"/></xsl:otherwise>
          </xsl:choose>
        </p>
        <xsl:if test="@any-word"><p class="notice"><xsl:value-of select="p:t('search.any-word')"/></p></xsl:if>
        <ol class="hits">
          <xsl:for-each select="hits/hit">
            <li class="hit hit-{@kind}" lang="{@lang}">
              <a href="{@href}"><xsl:apply-templates select="title" mode="hl"/></a>
              <span class="badge" lang="{/page/@lang}"><xsl:value-of select="p:t(concat('kind.', @kind))"/></span>
              <p class="snippet"><xsl:apply-templates select="snippet" mode="hl"/></p>
            </li>
          </xsl:for-each>
        </ol>
        <xsl:if test="@last &gt; 1">
          <nav class="pager" aria-label="{p:t('pager.label')}">
            <xsl:variable name="base">
              <xsl:text>/search?q=</xsl:text><xsl:value-of select="str:encode-uri(query, true())"/>
              <xsl:for-each select="current/@*">&amp;<xsl:value-of select="name()"/>=<xsl:value-of select="str:encode-uri(., true())"/></xsl:for-each>
            </xsl:variable>
            <xsl:if test="@page &gt; 1">
              <a rel="prev" href="{$base}&amp;page={@page - 1}"><xsl:value-of select="p:t('pager.prev')"/></a>
            </xsl:if>
            <span><xsl:value-of select="p:t('pager.of', @page, @last)"/></span>
            <xsl:if test="@page &lt; @last">
              <a rel="next" href="{$base}&amp;page={@page + 1}"><xsl:value-of select="p:t('pager.next')"/></a>
            </xsl:if>
          </nav>
        </xsl:if>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template name="search-filter">
    <xsl:param name="name"/>
    <label class="filter">
      <span><xsl:value-of select="p:t(concat('search.filter.', $name))"/></span>
      <select name="{$name}">
        <option value=""><xsl:value-of select="p:t('search.filter.any')"/></option>
        <xsl:for-each select="filters/option[@name = $name]">
          <option value="{@value}">
            <xsl:if test="@selected"><xsl:attribute name="selected">selected</xsl:attribute></xsl:if>
            <xsl:choose>
              <xsl:when test="$name = 'kind'"><xsl:value-of select="p:t(concat('kind.', @value))"/></xsl:when>
              <xsl:when test="$name = 'in'"><xsl:value-of select="p:t(concat('langname.', @value))"/></xsl:when>
              <xsl:otherwise><xsl:value-of select="."/></xsl:otherwise>
            </xsl:choose>
          </option>
        </xsl:for-each>
      </select>
    </label>
  </xsl:template>

  <xsl:template match="*" mode="hl"><xsl:apply-templates mode="hl"/></xsl:template>
  <xsl:template match="hl" mode="hl"><mark><xsl:value-of select="."/></mark></xsl:template>
  <xsl:template match="text()" mode="hl"><xsl:value-of select="."/></xsl:template>

  <!-- The banner of active service notices, on every page -->
  <xsl:template match="active-notices">
    <div class="banner" role="status">
      <xsl:for-each select="notice">
        <p class="banner-notice severity-{@severity}" lang="{@lang}">
          <a href="{@url}"><xsl:value-of select="."/></a>
        </p>
      </xsl:for-each>
    </div>
  </xsl:template>
</xsl:stylesheet>
