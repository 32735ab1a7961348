<?xml version="1.0" encoding="UTF-8"?>
<!-- Parts several pages share: a list of items (itemlist.c), a file size,
     the knowledge base trail. -->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:p="urn:portico"
    exclude-result-prefixes="p">

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

  <!-- A file's size in the language's digits and unit (i18n_size()) -->
  <xsl:template name="size">
    <xsl:param name="n"/>
    <xsl:value-of select="p:size($n)"/>
  </xsl:template>

  <!-- Breadcrumbs: the knowledge base, then each category down to this
       page's. -->
  <xsl:template match="trail">
    <nav class="trail" aria-label="{p:t('kb.trail')}">
      <ol>
        <li><a href="/kb"><xsl:value-of select="p:t('kb.title')"/></a></li>
        <xsl:for-each select="category">
          <li>
            <span class="trail-sep" aria-hidden="true">›</span>
            <xsl:choose>
              <xsl:when test="@slug"><a href="/kb/{@slug}"><xsl:value-of select="."/></a></xsl:when>
              <xsl:otherwise><span><xsl:value-of select="."/></span></xsl:otherwise>
            </xsl:choose>
          </li>
        </xsl:for-each>
      </ol>
    </nav>
  </xsl:template>

  <!-- A pager under a list: pages/@current of pages/@last. -->
  <xsl:template match="pages[@last &gt; 1]">
    <nav class="pager" aria-label="{p:t('pager.label')}">
      <xsl:if test="@current &gt; 1">
        <a rel="prev" href="?page={@current - 1}"><xsl:value-of select="p:t('pager.prev')"/></a>
      </xsl:if>
      <span><xsl:value-of select="p:t('pager.of', p:n(@current), p:n(@last))"/></span>
      <xsl:if test="@current &lt; @last">
        <a rel="next" href="?page={@current + 1}"><xsl:value-of select="p:t('pager.next')"/></a>
      </xsl:if>
    </nav>
  </xsl:template>
  <xsl:template match="pages"/>
</xsl:stylesheet>
