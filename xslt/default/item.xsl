<?xml version="1.0" encoding="UTF-8"?>
<!-- One item's page: an article or video tutorial (article), a news item
     (news-item), a download (download). -->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:p="urn:portico"
    xmlns:str="http://exslt.org/strings"
    exclude-result-prefixes="p str">

  <!-- An item's page is a column of parts, each its own template: a
       theme overrides one part and keeps the others, for one kind
       (match="article" mode="item-meta": an article's date and tags)
       or for all (match="*" mode="item-meta"). -->
  <xsl:template match="article | news-item | download" mode="title"><xsl:value-of select="title"/></xsl:template>
  <xsl:template match="article | news-item | download">
    <xsl:apply-templates select="trail"/>
    <xsl:variable name="aside" select="feedback | translations[count(translation) &gt; 1] | related[item]"/>
    <div class="item-layout">
      <xsl:if test="$aside">
        <xsl:attribute name="class">item-layout with-aside</xsl:attribute>
      </xsl:if>
      <article class="content item-{@kind}" lang="{@lang}">
        <xsl:apply-templates select="." mode="item-notices"/>
        <xsl:apply-templates select="news" mode="head"/>
        <xsl:apply-templates select="." mode="item-heading"/>
        <xsl:apply-templates select="video"/>
        <div class="prose">
          <xsl:apply-templates select="body/node()" mode="md"/>
        </div>
        <xsl:apply-templates select="file"/>
        <xsl:apply-templates select="attachments[file]" mode="item"/>
        <xsl:apply-templates select="." mode="item-meta"/>
      </article>
      <!-- Beside the text on a wide screen, under it on a phone -->
      <xsl:if test="$aside">
        <div class="item-aside">
          <xsl:apply-templates select="feedback"/>
          <xsl:apply-templates select="translations[count(translation) &gt; 1]" mode="item"/>
          <xsl:apply-templates select="related[item]" mode="item"/>
        </div>
      </xsl:if>
    </div>
  </xsl:template>

  <!-- Not published (staff see drafts), or not in the visitor's language -->
  <xsl:template match="*" mode="item-notices">
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
  </xsl:template>

  <xsl:template match="*" mode="item-heading">
    <h1><xsl:value-of select="title"/></h1>
    <xsl:if test="string(summary)">
      <p class="lead"><xsl:value-of select="summary"/></p>
    </xsl:if>
  </xsl:template>

  <xsl:template match="attachments" mode="item">
    <section class="attachments" lang="{/page/@lang}">
      <h2><xsl:value-of select="p:t('article.attachments')"/></h2>
      <ul>
        <xsl:for-each select="file">
          <li><a href="{@href}"><xsl:value-of select="."/></a>
            <xsl:text> (</xsl:text>
            <xsl:call-template name="size"><xsl:with-param name="n" select="@size"/></xsl:call-template>
            <xsl:text>)</xsl:text></li>
        </xsl:for-each>
      </ul>
    </section>
  </xsl:template>

  <!-- When it was updated, and its tags -->
  <xsl:template match="*" mode="item-meta">
    <p class="meta" lang="{/page/@lang}">
      <xsl:value-of select="p:t('page.updated')"/>
      <xsl:text> </xsl:text>
      <time datetime="{@updated}" dir="ltr"><xsl:value-of select="substring(@updated, 1, 10)"/></time>
      <xsl:for-each select="tags/tag">
        <xsl:text> · </xsl:text>
        <a class="tag" href="/search?q={str:encode-uri(., true())}"><xsl:value-of select="."/></a>
      </xsl:for-each>
    </p>
  </xsl:template>

  <xsl:template match="translations" mode="item">
    <nav class="translations" aria-label="{p:t('page.translations')}">
      <h2><xsl:value-of select="p:t('page.translations')"/></h2>
      <ul>
        <xsl:for-each select="translation[not(@current)]">
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
  </xsl:template>

  <xsl:template match="related" mode="item">
    <nav class="related" aria-label="{p:t('article.related')}">
      <h2><xsl:value-of select="p:t('article.related')"/></h2>
      <ul>
        <xsl:for-each select="item">
          <li><a href="{@url}"><xsl:value-of select="."/></a></li>
        </xsl:for-each>
      </ul>
    </nav>
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
</xsl:stylesheet>
