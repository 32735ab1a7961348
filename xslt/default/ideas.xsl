<?xml version="1.0" encoding="UTF-8"?>
<!--
  Suggestions: the list (ideas), a new idea (ideas-new: the title step
  that shows similar ideas without JavaScript, and type-ahead through
  suggest.js with data-suggest="/ideas/similar"), an idea (idea), the
  roadmap (ideas-roadmap), the changelog (ideas-changelog), the staff
  ranking (staff-ideas) and the home page's top ideas (ideas, mode
  home).  Statuses are ideas-status.NAME in the catalogs.
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:p="urn:portico"
    exclude-result-prefixes="p">

  <!-- The tabs every ideas page shares -->
  <xsl:template name="ideas-tabs">
    <nav class="tabs" aria-label="{p:t('ideas.title')}">
      <a href="/ideas"><xsl:value-of select="p:t('ideas.all')"/></a>
      <a href="/ideas/roadmap"><xsl:value-of select="p:t('ideas-roadmap.title')"/></a>
      <a href="/ideas/changelog"><xsl:value-of select="p:t('ideas-changelog.title')"/></a>
      <a class="button" href="/ideas/new"><xsl:value-of select="p:t('ideas-new.title')"/></a>
    </nav>
  </xsl:template>

  <xsl:template name="idea-status">
    <xsl:param name="status" select="@status"/>
    <span class="badge idea-status idea-status-{$status}">
      <xsl:value-of select="p:t(concat('ideas-status.', $status))"/>
    </span>
  </xsl:template>

  <!-- One idea of a list -->
  <xsl:template match="idea" mode="row">
    <li class="idea-row">
      <span class="idea-votes"><xsl:value-of select="p:tn('ideas.votes', @votes)"/></span>
      <a href="{@url}" dir="auto"><xsl:value-of select="title"/></a>
      <xsl:text> </xsl:text>
      <xsl:call-template name="idea-status"/>
      <span class="meta">
        <xsl:if test="@product"><xsl:value-of select="@product"/> · </xsl:if>
        <xsl:value-of select="p:tn('ideas.comments', @comments)"/>
        <xsl:if test="@count"> · <xsl:value-of select="p:tn('staff-ideas.count', @count)"/></xsl:if>
      </span>
    </li>
  </xsl:template>

  <xsl:template name="ideas-list">
    <xsl:choose>
      <xsl:when test="idea">
        <ul class="item-list idea-list"><xsl:apply-templates select="idea" mode="row"/></ul>
      </xsl:when>
      <xsl:otherwise>
        <xsl:call-template name="empty-state">
          <xsl:with-param name="text" select="p:t('ideas.none')"/>
        </xsl:call-template>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- The list -->
  <xsl:template match="ideas" mode="title"><xsl:value-of select="p:t('ideas.title')"/></xsl:template>
  <xsl:template match="page/ideas">
    <h1><xsl:value-of select="p:t('ideas.title')"/></h1>
    <p class="lead"><xsl:value-of select="p:t('ideas.intro')"/></p>
    <xsl:call-template name="ideas-tabs"/>
    <form class="search" method="get" action="/ideas">
      <label for="i-sort"><xsl:value-of select="p:t('ideas.sort')"/></label>
      <select id="i-sort" name="sort">
        <option value="top"><xsl:if test="@sort = 'top'"><xsl:attribute name="selected">selected</xsl:attribute></xsl:if><xsl:value-of select="p:t('ideas.sort.top')"/></option>
        <option value="new"><xsl:if test="@sort = 'new'"><xsl:attribute name="selected">selected</xsl:attribute></xsl:if><xsl:value-of select="p:t('ideas.sort.new')"/></option>
      </select>
      <label for="i-status"><xsl:value-of select="p:t('ideas-field.status')"/></label>
      <select id="i-status" name="status">
        <option value=""><xsl:value-of select="p:t('search.filter.any')"/></option>
        <xsl:for-each select="statuses/status">
          <option value="{.}"><xsl:if test=". = ../../@status"><xsl:attribute name="selected">selected</xsl:attribute></xsl:if><xsl:value-of select="p:t(concat('ideas-status.', .))"/></option>
        </xsl:for-each>
      </select>
      <button type="submit"><xsl:value-of select="p:t('ideas.show')"/></button>
    </form>
    <xsl:for-each select="list"><xsl:call-template name="ideas-list"/></xsl:for-each>
    <xsl:if test="@more or @page &gt; 1">
      <nav class="pagination" aria-label="{p:t('ideas.pages')}">
        <xsl:if test="@page &gt; 1">
          <a rel="prev" href="/ideas?sort={@sort}&amp;status={@status}&amp;page={@page - 1}"><xsl:value-of select="p:t('ideas.previous')"/></a>
        </xsl:if>
        <xsl:if test="@more">
          <a rel="next" href="/ideas?sort={@sort}&amp;status={@status}&amp;page={@page + 1}"><xsl:value-of select="p:t('ideas.next')"/></a>
        </xsl:if>
      </nav>
    </xsl:if>
  </xsl:template>

  <!-- A new idea: step one (the title, similar ideas) and the form -->
  <xsl:template match="ideas-new" mode="title"><xsl:value-of select="p:t('ideas-new.title')"/></xsl:template>
  <xsl:template match="ideas-new">
    <h1><xsl:value-of select="p:t('ideas-new.title')"/></h1>
    <p><xsl:value-of select="p:t('ideas-new.intro')"/></p>
    <xsl:if test="not(@title)">
      <form class="form" method="get" action="/ideas/new" id="form-idea-title">
        <div class="field">
          <label for="f-idea-title-title"><xsl:value-of select="p:t('ideas-field.title')"/></label>
          <input id="f-idea-title-title" name="title" type="text" autocomplete="off" data-suggest="/ideas/similar"/>
        </div>
        <div class="actions">
          <button type="submit"><xsl:value-of select="p:t('ideas-new.check')"/></button>
        </div>
      </form>
    </xsl:if>
    <xsl:if test="similar">
      <section class="card idea-similar" aria-labelledby="similar-heading">
        <h2 id="similar-heading"><xsl:value-of select="p:t('ideas-new.similar')"/></h2>
        <xsl:choose>
          <xsl:when test="similar/hit">
            <p><xsl:value-of select="p:t('ideas-new.similar-hint')"/></p>
            <ul class="item-list">
              <xsl:for-each select="similar/hit">
                <li lang="{@lang}"><a href="{@href}" dir="auto"><xsl:value-of select="title"/></a></li>
              </xsl:for-each>
            </ul>
          </xsl:when>
          <xsl:otherwise><p><xsl:value-of select="p:t('ideas-new.similar-none')"/></p></xsl:otherwise>
        </xsl:choose>
      </section>
    </xsl:if>
    <xsl:if test="@title or form/@has-errors">
      <xsl:apply-templates select="form"/>
    </xsl:if>
  </xsl:template>

  <!-- An idea -->
  <xsl:template match="idea" mode="title"><xsl:value-of select="title"/></xsl:template>
  <xsl:template match="page/idea">
    <p class="trail"><a href="/ideas"><xsl:value-of select="p:t('ideas.title')"/></a></p>
    <article class="idea" lang="{@lang}">
      <h1 dir="auto"><xsl:value-of select="title"/></h1>
      <p class="meta" lang="{/page/@lang}">
        <xsl:call-template name="idea-status"/>
        <xsl:text> </xsl:text>
        <strong class="idea-count"><xsl:value-of select="p:tn('ideas.votes', @votes)"/></strong>
        <xsl:text> · </xsl:text>
        <xsl:value-of select="p:t('ideas.by', author, @created)"/>
        <xsl:if test="@product"> · <xsl:value-of select="@product"/></xsl:if>
      </p>
      <div class="body" dir="auto"><xsl:apply-templates select="body/node()" mode="md"/></div>
    </article>
    <xsl:if test="staff-comment or news">
      <section class="card idea-staff" aria-labelledby="staff-heading">
        <h2 id="staff-heading"><xsl:value-of select="p:t('ideas.staff-says')"/></h2>
        <xsl:if test="staff-comment"><p class="staff-comment" dir="auto"><xsl:value-of select="staff-comment"/></p></xsl:if>
        <xsl:if test="news">
          <p><xsl:value-of select="p:t('ideas.announced')"/><xsl:text> </xsl:text><a href="{news/@url}"><xsl:value-of select="news"/></a></p>
        </xsl:if>
      </section>
    </xsl:if>
    <div class="idea-actions">
      <xsl:choose>
        <xsl:when test="form[@id = 'idea-vote']">
          <xsl:apply-templates select="form[@id = 'idea-vote']"/>
          <xsl:apply-templates select="form[@id = 'idea-follow']"/>
        </xsl:when>
        <xsl:otherwise>
          <p><a class="button" href="/signin?next={@url}"><xsl:value-of select="p:t('ideas.signin-to-vote')"/></a></p>
        </xsl:otherwise>
      </xsl:choose>
    </div>
    <section aria-labelledby="timeline-heading">
      <h2 id="timeline-heading"><xsl:value-of select="p:tn('ideas.comments', @comments)"/></h2>
      <ol class="idea-timeline">
        <xsl:for-each select="timeline/*">
          <li class="idea-{local-name()}">
            <xsl:if test="@staff"><xsl:attribute name="class">idea-comment staff-reply</xsl:attribute></xsl:if>
            <p class="meta">
              <strong><xsl:value-of select="@by"/></strong>
              <xsl:if test="@staff"><xsl:text> </xsl:text><span class="badge"><xsl:value-of select="p:t('ideas.staff')"/></span></xsl:if>
              <xsl:text> · </xsl:text><xsl:value-of select="@at"/>
            </p>
            <xsl:choose>
              <xsl:when test="self::event and @status = 'merged'">
                <p><xsl:value-of select="p:t('ideas.event-merged')"/></p>
              </xsl:when>
              <xsl:when test="self::event">
                <p><xsl:value-of select="p:t('ideas.event-status')"/><xsl:text> </xsl:text>
                  <xsl:call-template name="idea-status"/></p>
                <xsl:if test="text"><p dir="auto"><xsl:value-of select="text"/></p></xsl:if>
              </xsl:when>
              <xsl:otherwise><div class="body" dir="auto"><xsl:apply-templates select="body/node()" mode="md"/></div></xsl:otherwise>
            </xsl:choose>
          </li>
        </xsl:for-each>
      </ol>
    </section>
    <xsl:apply-templates select="form[@id = 'idea-comment']"/>
    <xsl:if test="form[@id = 'idea-status']">
      <section class="panel narrow" aria-labelledby="idea-staff-heading">
        <h2 id="idea-staff-heading"><xsl:value-of select="p:t('staff-ideas.actions')"/></h2>
        <xsl:apply-templates select="form[@id = 'idea-status']"/>
        <xsl:apply-templates select="form[@id = 'idea-merge']"/>
      </section>
    </xsl:if>
  </xsl:template>

  <!-- The roadmap -->
  <xsl:template match="ideas-roadmap" mode="title"><xsl:value-of select="p:t('ideas-roadmap.title')"/></xsl:template>
  <xsl:template match="ideas-roadmap">
    <h1><xsl:value-of select="p:t('ideas-roadmap.title')"/></h1>
    <xsl:call-template name="ideas-tabs"/>
    <div class="home-columns roadmap">
      <xsl:for-each select="column">
        <section class="card" aria-labelledby="col-{@status}">
          <h2 id="col-{@status}"><xsl:value-of select="p:t(concat('ideas-status.', @status))"/></h2>
          <xsl:call-template name="ideas-list"/>
        </section>
      </xsl:for-each>
    </div>
  </xsl:template>

  <!-- The changelog -->
  <xsl:template match="ideas-changelog" mode="title"><xsl:value-of select="p:t('ideas-changelog.title')"/></xsl:template>
  <xsl:template match="ideas-changelog">
    <h1><xsl:value-of select="p:t('ideas-changelog.title')"/></h1>
    <xsl:call-template name="ideas-tabs"/>
    <xsl:choose>
      <xsl:when test="list/done">
        <ul class="item-list changelog">
          <xsl:for-each select="list/done">
            <li>
              <span class="meta"><xsl:value-of select="@date"/></span>
              <xsl:text> </xsl:text>
              <a href="{@url}" dir="auto"><xsl:value-of select="title"/></a>
              <xsl:if test="news">
                <xsl:text> · </xsl:text><xsl:value-of select="p:t('ideas.announced')"/><xsl:text> </xsl:text>
                <a href="{news/@url}"><xsl:value-of select="news"/></a>
              </xsl:if>
            </li>
          </xsl:for-each>
        </ul>
      </xsl:when>
      <xsl:otherwise>
        <xsl:call-template name="empty-state">
          <xsl:with-param name="text" select="p:t('ideas.none')"/>
        </xsl:call-template>
      </xsl:otherwise>
    </xsl:choose>
    <xsl:if test="@more">
      <nav class="pagination" aria-label="{p:t('ideas.pages')}">
        <a rel="next" href="/ideas/changelog?page={@page + 1}"><xsl:value-of select="p:t('ideas.next')"/></a>
      </nav>
    </xsl:if>
  </xsl:template>

  <!-- Staff: the ranking -->
  <xsl:template match="staff-ideas" mode="title"><xsl:value-of select="p:t('staff-ideas.title')"/></xsl:template>
  <xsl:template match="staff-ideas">
    <h1><xsl:value-of select="p:t('staff-ideas.title')"/></h1>
    <xsl:call-template name="staff-nav"/>
    <form class="search" method="get" action="/staff/ideas">
      <label for="r-rank"><xsl:value-of select="p:t('staff-ideas.rank')"/></label>
      <select id="r-rank" name="rank">
        <xsl:call-template name="rank-option"><xsl:with-param name="rank" select="'votes'"/></xsl:call-template>
        <xsl:call-template name="rank-option"><xsl:with-param name="rank" select="'segment'"/></xsl:call-template>
        <xsl:call-template name="rank-option"><xsl:with-param name="rank" select="'momentum'"/></xsl:call-template>
      </select>
      <label for="r-segment"><xsl:value-of select="p:t('staff-ideas.segment')"/></label>
      <select id="r-segment" name="segment">
        <xsl:for-each select="segments/segment">
          <option value="{@id}"><xsl:if test="@id = ../../@segment"><xsl:attribute name="selected">selected</xsl:attribute></xsl:if><xsl:value-of select="."/></option>
        </xsl:for-each>
      </select>
      <label for="r-days"><xsl:value-of select="p:t('staff-ideas.days')"/></label>
      <input id="r-days" name="days" type="number" min="1" max="365" value="{@days}"/>
      <button type="submit"><xsl:value-of select="p:t('ideas.show')"/></button>
    </form>
    <xsl:for-each select="list"><xsl:call-template name="ideas-list"/></xsl:for-each>
  </xsl:template>
  <xsl:template name="rank-option">
    <xsl:param name="rank"/>
    <option value="{$rank}"><xsl:if test="$rank = /page/staff-ideas/@rank"><xsl:attribute name="selected">selected</xsl:attribute></xsl:if><xsl:value-of select="p:t(concat('staff-ideas.rank.', $rank))"/></option>
  </xsl:template>

  <!-- The home page's top ideas -->
  <xsl:template match="ideas" mode="home">
    <section class="card home-section" aria-labelledby="ideas-heading">
      <h2 id="ideas-heading"><a href="/ideas"><xsl:value-of select="p:t('ideas.top')"/></a></h2>
      <xsl:call-template name="ideas-list"/>
    </section>
  </xsl:template>
</xsl:stylesheet>
