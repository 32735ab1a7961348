<?xml version="1.0" encoding="UTF-8"?>
<!--
  The community forum: the categories and recent topics (forum), a
  category (forum-category), the new-topic form (forum-new), a topic
  (forum-topic: the question, the accepted answer right under it, the
  replies, the reply form), editing a post (forum-edit), a post's
  earlier texts (forum-history, staff) and the moderation queue
  (staff-community).  Small forms (accept, "solved it for me too",
  flag, moderate) carry the session's token from /page/user/@csrf.
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:p="urn:portico"
    exclude-result-prefixes="p">

  <xsl:template match="forum | forum-category | forum-new | forum-edit | forum-history | staff-community | forum-unsubscribe | staff-forum-categories" mode="title">
    <xsl:choose>
      <xsl:when test="self::staff-forum-categories"><xsl:value-of select="p:t('forum-categories.title')"/></xsl:when>
      <xsl:when test="self::forum-unsubscribe"><xsl:value-of select="p:t('forum-unsubscribe.title')"/></xsl:when>
      <xsl:when test="self::forum-category"><xsl:value-of select="forum-category/name"/></xsl:when>
      <xsl:when test="self::forum-new"><xsl:value-of select="p:t('forum-new.title')"/></xsl:when>
      <xsl:when test="self::forum-edit"><xsl:value-of select="p:t('forum-edit.title')"/></xsl:when>
      <xsl:when test="self::forum-history"><xsl:value-of select="p:t('forum-history.title')"/></xsl:when>
      <xsl:when test="self::staff-community"><xsl:value-of select="p:t('forum-staff.title')"/></xsl:when>
      <xsl:otherwise><xsl:value-of select="p:t('forum-title')"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>
  <xsl:template match="forum-topic" mode="title"><xsl:value-of select="title"/></xsl:template>

  <!-- A trail: the community, then the category. -->
  <xsl:template name="forum-trail">
    <xsl:param name="category"/>
    <nav class="trail" aria-label="{p:t('forum-trail')}">
      <ol>
        <li><a href="/community"><xsl:value-of select="p:t('forum-title')"/></a></li>
        <xsl:if test="$category">
          <li>
            <span class="trail-sep" aria-hidden="true">›</span>
            <a href="/community/c/{$category/@slug}"><xsl:value-of select="$category"/></a>
          </li>
        </xsl:if>
      </ol>
    </nav>
  </xsl:template>

  <xsl:template name="forum-new-link">
    <xsl:param name="category"/>
    <p class="card-actions">
      <xsl:choose>
        <xsl:when test="/page/user">
          <a class="button" href="/community/new">
            <xsl:if test="$category"><xsl:attribute name="href">/community/new?category=<xsl:value-of select="$category"/></xsl:attribute></xsl:if>
            <xsl:value-of select="p:t('forum-new.title')"/>
          </a>
        </xsl:when>
        <xsl:otherwise>
          <a class="button-secondary button" href="/signin?next=/community/new">
            <xsl:value-of select="p:t('forum-signin-to-ask')"/>
          </a>
        </xsl:otherwise>
      </xsl:choose>
    </p>
  </xsl:template>

  <!-- /community -->
  <xsl:template match="page/forum">
    <h1><xsl:value-of select="p:t('forum-title')"/></h1>
    <p class="lead"><xsl:value-of select="p:t('forum-intro')"/></p>
    <xsl:call-template name="forum-new-link"/>
    <section class="home-section" aria-labelledby="forum-cats-heading">
      <h2 id="forum-cats-heading"><xsl:value-of select="p:t('forum-categories')"/></h2>
      <ul class="card-list forum-categories">
        <xsl:for-each select="forum-categories/forum-category">
          <li class="card">
            <a href="/community/c/{@slug}"><xsl:value-of select="name"/></a>
            <xsl:call-template name="forum-visibility"/>
            <xsl:if test="description"><p><xsl:value-of select="description"/></p></xsl:if>
            <p class="meta"><xsl:value-of select="p:tn('forum-topics-count', @topics)"/></p>
            <xsl:if test="forum-category">
              <ul class="forum-subcategories">
                <xsl:for-each select="forum-category">
                  <li><a href="/community/c/{@slug}"><xsl:value-of select="name"/></a>
                    <xsl:call-template name="forum-visibility"/></li>
                </xsl:for-each>
              </ul>
            </xsl:if>
          </li>
        </xsl:for-each>
      </ul>
    </section>
    <section class="home-section" aria-labelledby="forum-recent-heading">
      <h2 id="forum-recent-heading"><xsl:value-of select="p:t('forum-recent')"/></h2>
      <xsl:apply-templates select="forum-topics"/>
    </section>
  </xsl:template>

  <xsl:template name="forum-visibility">
    <xsl:if test="@visibility != 'public'">
      <xsl:text> </xsl:text>
      <xsl:call-template name="pill">
        <xsl:with-param name="text" select="p:t(concat('forum-visibility.', @visibility))"/>
      </xsl:call-template>
    </xsl:if>
  </xsl:template>

  <!-- A list of topics -->
  <xsl:template match="forum-topics">
    <xsl:choose>
      <xsl:when test="topic">
        <ul class="item-list forum-topics">
          <xsl:for-each select="topic">
            <li>
              <a href="{@url}" lang="{@lang}" dir="auto"><xsl:value-of select="title"/></a>
              <xsl:if test="@unread"><xsl:text> </xsl:text><xsl:call-template name="pill"><xsl:with-param name="text" select="p:t('forum-unread')"/></xsl:call-template></xsl:if>
              <xsl:if test="@pinned"><xsl:text> </xsl:text><xsl:call-template name="pill"><xsl:with-param name="text" select="p:t('forum-pinned')"/></xsl:call-template></xsl:if>
              <xsl:if test="@solved"><xsl:text> </xsl:text><xsl:call-template name="pill"><xsl:with-param name="text" select="p:t('forum-solved')"/><xsl:with-param name="tone" select="'success'"/></xsl:call-template></xsl:if>
              <xsl:if test="@closed"><xsl:text> </xsl:text><xsl:call-template name="pill"><xsl:with-param name="text" select="p:t('forum-closed')"/></xsl:call-template></xsl:if>
              <p class="meta">
                <xsl:value-of select="author"/>
                <xsl:if test="category"> · <a href="/community/c/{category/@slug}"><xsl:value-of select="category"/></a></xsl:if>
                · <xsl:value-of select="p:tn('forum-replies-count', @replies)"/>
                · <time datetime="{@last-post}" dir="ltr"><xsl:value-of select="substring(@last-post, 1, 10)"/></time>
              </p>
            </li>
          </xsl:for-each>
        </ul>
      </xsl:when>
      <xsl:otherwise>
        <xsl:call-template name="empty-state">
          <xsl:with-param name="text" select="p:t('forum-empty-list')"/>
          <xsl:with-param name="icon" select="'chat'"/>
        </xsl:call-template>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- /community/c/SLUG -->
  <xsl:template match="page/forum-category">
    <nav class="trail" aria-label="{p:t('forum-trail')}">
      <ol>
        <li><a href="/community"><xsl:value-of select="p:t('forum-title')"/></a></li>
        <xsl:if test="parent/forum-category">
          <li><span class="trail-sep" aria-hidden="true">›</span>
            <a href="/community/c/{parent/forum-category/@slug}"><xsl:value-of select="parent/forum-category/name"/></a></li>
        </xsl:if>
      </ol>
    </nav>
    <h1><xsl:value-of select="forum-category/name"/></h1>
    <xsl:if test="forum-category/description"><p class="lead"><xsl:value-of select="forum-category/description"/></p></xsl:if>
    <xsl:call-template name="forum-new-link"><xsl:with-param name="category" select="forum-category/@slug"/></xsl:call-template>
    <xsl:call-template name="forum-watch">
      <xsl:with-param name="action" select="concat('/community/c/', forum-category/@slug, '/watch')"/>
      <xsl:with-param name="key" select="'forum-watch-category'"/>
    </xsl:call-template>
    <xsl:if test="forum-category/forum-category">
      <ul class="tags">
        <xsl:for-each select="forum-category/forum-category">
          <li><a href="/community/c/{@slug}"><xsl:value-of select="name"/></a></li>
        </xsl:for-each>
      </ul>
    </xsl:if>
    <xsl:apply-templates select="forum-topics"/>
    <xsl:apply-templates select="pages"/>
  </xsl:template>

  <!-- /community/new and editing -->
  <xsl:template match="page/forum-new">
    <xsl:call-template name="forum-trail"/>
    <h1><xsl:value-of select="p:t('forum-new.title')"/></h1>
    <p><xsl:value-of select="p:t('forum-markdown-help')"/></p>
    <xsl:apply-templates select="form"/>
  </xsl:template>
  <xsl:template match="page/forum-edit">
    <nav class="trail" aria-label="{p:t('forum-trail')}">
      <ol>
        <li><a href="/community"><xsl:value-of select="p:t('forum-title')"/></a></li>
        <li><span class="trail-sep" aria-hidden="true">›</span><a href="{@topic-url}"><xsl:value-of select="title"/></a></li>
      </ol>
    </nav>
    <h1><xsl:value-of select="p:t('forum-edit.title')"/></h1>
    <p><xsl:value-of select="p:t('forum-markdown-help')"/></p>
    <xsl:apply-templates select="form"/>
  </xsl:template>

  <!-- /community/t/ID-SLUG -->
  <xsl:template match="page/forum-topic">
    <xsl:call-template name="forum-trail"><xsl:with-param name="category" select="category"/></xsl:call-template>
    <h1 lang="{@lang}" dir="auto"><xsl:value-of select="title"/></h1>
    <p class="meta">
      <xsl:if test="@closed"><xsl:call-template name="pill"><xsl:with-param name="text" select="p:t('forum-closed')"/></xsl:call-template><xsl:text> </xsl:text></xsl:if>
      <xsl:if test="@pinned"><xsl:call-template name="pill"><xsl:with-param name="text" select="p:t('forum-pinned')"/></xsl:call-template><xsl:text> </xsl:text></xsl:if>
      <xsl:if test="@hidden"><xsl:call-template name="pill"><xsl:with-param name="text" select="p:t('forum-hidden')"/><xsl:with-param name="tone" select="'warning'"/></xsl:call-template><xsl:text> </xsl:text></xsl:if>
      <xsl:if test="@pending"><xsl:call-template name="pill"><xsl:with-param name="text" select="p:t('forum-pending')"/><xsl:with-param name="tone" select="'warning'"/></xsl:call-template><xsl:text> </xsl:text></xsl:if>
      <xsl:value-of select="p:tn('forum-replies-count', @replies)"/>
    </p>
    <xsl:if test="@closed">
      <p class="notice notice-info" role="status"><xsl:value-of select="p:t('forum-closed-note')"/></p>
    </xsl:if>
    <xsl:call-template name="forum-watch">
      <xsl:with-param name="action" select="concat(@url, '/watch')"/>
      <xsl:with-param name="key" select="'forum-watch'"/>
    </xsl:call-template>
    <xsl:apply-templates select="question/post"/>
    <xsl:if test="accepted/post">
      <section class="forum-accepted" aria-labelledby="accepted-heading">
        <h2 id="accepted-heading"><xsl:value-of select="p:t('forum-accepted')"/></h2>
        <xsl:apply-templates select="accepted/post"><xsl:with-param name="copy" select="true()"/></xsl:apply-templates>
        <xsl:if test="@solved-votes &gt; 0">
          <p class="meta"><xsl:value-of select="p:tn('forum-solved-votes', @solved-votes)"/></p>
        </xsl:if>
        <xsl:if test="/page/user">
          <form class="inline-form" method="post" action="{@url}/solved">
            <input type="hidden" name="csrf" value="{/page/user/@csrf}"/>
            <xsl:choose>
              <xsl:when test="@solved-by-me">
                <input type="hidden" name="solved" value="no"/>
                <button type="submit" class="button-secondary button"><xsl:value-of select="p:t('forum-solved-undo')"/></button>
              </xsl:when>
              <xsl:otherwise>
                <input type="hidden" name="solved" value="yes"/>
                <button type="submit" class="button-secondary button"><xsl:value-of select="p:t('forum-solved-too')"/></button>
              </xsl:otherwise>
            </xsl:choose>
          </form>
        </xsl:if>
      </section>
    </xsl:if>
    <section aria-labelledby="replies-heading">
      <h2 id="replies-heading"><xsl:value-of select="p:t('forum-replies')"/></h2>
      <xsl:apply-templates select="replies/post"/>
      <xsl:if test="not(replies/post)"><p class="empty"><xsl:value-of select="p:t('forum-no-replies')"/></p></xsl:if>
    </section>
    <xsl:apply-templates select="pages"/>
    <xsl:choose>
      <xsl:when test="form[@id = 'forum-reply']">
        <section aria-labelledby="reply-heading">
          <h2 id="reply-heading"><xsl:value-of select="p:t('forum-reply.title')"/></h2>
          <p><xsl:value-of select="p:t('forum-markdown-help')"/></p>
          <xsl:apply-templates select="form[@id = 'forum-reply']"/>
        </section>
      </xsl:when>
      <xsl:when test="not(/page/user)">
        <p><a class="button-secondary button" href="/signin?next={@url}"><xsl:value-of select="p:t('forum-signin-to-reply')"/></a></p>
      </xsl:when>
    </xsl:choose>
    <xsl:if test="@may-moderate">
      <section class="card" aria-labelledby="moderate-heading">
        <h2 id="moderate-heading"><xsl:value-of select="p:t('forum-moderate')"/></h2>
        <div class="card-actions">
          <xsl:call-template name="forum-topic-action">
            <xsl:with-param name="action"><xsl:choose><xsl:when test="@closed">open</xsl:when><xsl:otherwise>close</xsl:otherwise></xsl:choose></xsl:with-param>
          </xsl:call-template>
          <xsl:call-template name="forum-topic-action">
            <xsl:with-param name="action"><xsl:choose><xsl:when test="@pinned">unpin</xsl:when><xsl:otherwise>pin</xsl:otherwise></xsl:choose></xsl:with-param>
          </xsl:call-template>
          <xsl:call-template name="forum-topic-action">
            <xsl:with-param name="action"><xsl:choose><xsl:when test="@hidden">unhide</xsl:when><xsl:otherwise>hide</xsl:otherwise></xsl:choose></xsl:with-param>
          </xsl:call-template>
          <xsl:if test="@pending"><xsl:call-template name="forum-topic-action"><xsl:with-param name="action" select="'approve'"/></xsl:call-template></xsl:if>
          <form class="inline-form" method="post" action="{@url}/merge">
            <input type="hidden" name="csrf" value="{/page/user/@csrf}"/>
            <label for="merge-into"><xsl:value-of select="p:t('forum-merge-into')"/></label>
            <input id="merge-into" name="into" type="text" inputmode="numeric" required="required"/>
            <button type="submit" class="button-secondary button"><xsl:value-of select="p:t('forum-action.merge')"/></button>
          </form>
          <form class="inline-form" method="post" action="{@url}/split">
            <input type="hidden" name="csrf" value="{/page/user/@csrf}"/>
            <label for="split-from"><xsl:value-of select="p:t('forum-split-from')"/></label>
            <input id="split-from" name="from" type="text" inputmode="numeric" required="required"/>
            <label for="split-title"><xsl:value-of select="p:t('forum-split-title')"/></label>
            <input id="split-title" name="title" type="text" required="required"/>
            <button type="submit" class="button-secondary button"><xsl:value-of select="p:t('forum-action.split')"/></button>
          </form>
          <xsl:if test="accepted/post">
            <form class="inline-form" method="post" action="{@url}/kb-draft">
              <input type="hidden" name="csrf" value="{/page/user/@csrf}"/>
              <button type="submit" class="button-secondary button"><xsl:value-of select="p:t('forum-kb-draft')"/></button>
            </form>
          </xsl:if>
          <form class="inline-form" method="post" action="{@url}/moderate">
            <input type="hidden" name="csrf" value="{/page/user/@csrf}"/>
            <input type="hidden" name="action" value="move"/>
            <label for="move-category"><xsl:value-of select="p:t('forum-move-to')"/></label>
            <input id="move-category" name="category" type="text" required="required"/>
            <button type="submit" class="button-secondary button"><xsl:value-of select="p:t('forum-action.move')"/></button>
          </form>
        </div>
      </section>
    </xsl:if>
  </xsl:template>

  <!-- Watch or stop watching (a topic's or a category's page). -->
  <xsl:template name="forum-watch">
    <xsl:param name="action"/>
    <xsl:param name="key"/>
    <xsl:if test="/page/user">
      <form class="inline-form" method="post" action="{$action}">
        <input type="hidden" name="csrf" value="{/page/user/@csrf}"/>
        <xsl:choose>
          <xsl:when test="@watching">
            <input type="hidden" name="watch" value="no"/>
            <button type="submit" class="button-secondary button"><xsl:value-of select="p:t(concat($key, '-stop'))"/></button>
          </xsl:when>
          <xsl:otherwise>
            <input type="hidden" name="watch" value="yes"/>
            <button type="submit" class="button-secondary button"><xsl:value-of select="p:t($key)"/></button>
          </xsl:otherwise>
        </xsl:choose>
      </form>
    </xsl:if>
  </xsl:template>

  <xsl:template name="forum-topic-action">
    <xsl:param name="action"/>
    <form class="inline-form" method="post" action="{@url}/moderate">
      <input type="hidden" name="csrf" value="{/page/user/@csrf}"/>
      <input type="hidden" name="action" value="{$action}"/>
      <button type="submit" class="button-secondary button"><xsl:value-of select="p:t(concat('forum-action.', $action))"/></button>
    </form>
  </xsl:template>

  <!-- One post; copy: the accepted answer shown again under the question
       (its anchor stays on the reply's own place). -->
  <xsl:template match="post">
    <xsl:param name="copy" select="false()"/>
    <xsl:variable name="topic" select="ancestor::forum-topic"/>
    <article class="card forum-post">
      <xsl:if test="not($copy)"><xsl:attribute name="id">p<xsl:value-of select="@position"/></xsl:attribute></xsl:if>
      <xsl:if test="@staff"><xsl:attribute name="class">card forum-post forum-post-staff</xsl:attribute></xsl:if>
      <header class="meta">
        <strong><xsl:value-of select="author"/></strong>
        <xsl:if test="@staff"><xsl:text> </xsl:text><xsl:call-template name="pill"><xsl:with-param name="text" select="p:t('forum-staff')"/></xsl:call-template></xsl:if>
        <xsl:if test="@accepted and not($copy)"><xsl:text> </xsl:text><xsl:call-template name="pill"><xsl:with-param name="text" select="p:t('forum-accepted')"/><xsl:with-param name="tone" select="'success'"/></xsl:call-template></xsl:if>
        <xsl:if test="@pending"><xsl:text> </xsl:text><xsl:call-template name="pill"><xsl:with-param name="text" select="p:t('forum-pending')"/><xsl:with-param name="tone" select="'warning'"/></xsl:call-template></xsl:if>
        · <time datetime="{@created}" dir="ltr"><xsl:value-of select="substring(@created, 1, 10)"/></time>
        · <a href="#p{@position}" dir="ltr">#<xsl:value-of select="@position"/></a>
        <xsl:if test="@edited"> · <xsl:value-of select="p:t('forum-edited')"/></xsl:if>
      </header>
      <xsl:choose>
        <xsl:when test="@hidden and not(body)"><p class="empty"><xsl:value-of select="p:t('forum-post-hidden')"/></p></xsl:when>
        <xsl:otherwise>
          <xsl:if test="@hidden"><p class="notice notice-warning"><xsl:value-of select="p:t('forum-post-hidden')"/></p></xsl:if>
          <div class="body" lang="{$topic/@lang}" dir="auto"><xsl:apply-templates select="body/node()" mode="md"/></div>
        </xsl:otherwise>
      </xsl:choose>
      <xsl:if test="/page/user and not($copy) and not(@hidden)">
        <div class="card-actions forum-post-actions">
          <xsl:if test="$topic/form[@id = 'forum-reply']">
            <a class="button-secondary button" href="{$topic/@url}?quote={@id}#f-forum-reply-body"><xsl:value-of select="p:t('forum-quote')"/></a>
          </xsl:if>
          <xsl:if test="@editable">
            <a class="button-secondary button" href="/community/p/{@id}/edit"><xsl:value-of select="p:t('forum-edit')"/></a>
          </xsl:if>
          <xsl:if test="$topic/@may-moderate and @edited">
            <a class="button-secondary button" href="/community/p/{@id}/history"><xsl:value-of select="p:t('forum-history.title')"/></a>
          </xsl:if>
          <xsl:if test="$topic/@may-accept and @position &gt; 1 and not(@pending)">
            <form class="inline-form" method="post" action="{$topic/@url}/accept">
              <input type="hidden" name="csrf" value="{/page/user/@csrf}"/>
              <input type="hidden" name="post">
                <xsl:attribute name="value"><xsl:choose><xsl:when test="@accepted">0</xsl:when><xsl:otherwise><xsl:value-of select="@id"/></xsl:otherwise></xsl:choose></xsl:attribute>
              </input>
              <button type="submit" class="button-secondary button">
                <xsl:choose>
                  <xsl:when test="@accepted"><xsl:value-of select="p:t('forum-unaccept')"/></xsl:when>
                  <xsl:otherwise><xsl:value-of select="p:t('forum-accept')"/></xsl:otherwise>
                </xsl:choose>
              </button>
            </form>
          </xsl:if>
          <xsl:if test="not(@mine)">
            <form class="inline-form" method="post" action="/community/p/{@id}/flag">
              <input type="hidden" name="csrf" value="{/page/user/@csrf}"/>
              <button type="submit" class="button-secondary button"><xsl:value-of select="p:t('forum-flag')"/></button>
            </form>
          </xsl:if>
          <xsl:if test="$topic/@may-moderate and @position &gt; 1">
            <xsl:call-template name="forum-post-action"><xsl:with-param name="action" select="'hide'"/></xsl:call-template>
            <xsl:if test="@pending"><xsl:call-template name="forum-post-action"><xsl:with-param name="action" select="'approve'"/></xsl:call-template></xsl:if>
          </xsl:if>
        </div>
      </xsl:if>
      <xsl:if test="@hidden and $topic/@may-moderate">
        <div class="card-actions"><xsl:call-template name="forum-post-action"><xsl:with-param name="action" select="'unhide'"/></xsl:call-template></div>
      </xsl:if>
    </article>
  </xsl:template>

  <xsl:template name="forum-post-action">
    <xsl:param name="action"/>
    <form class="inline-form" method="post" action="/community/p/{@id}/moderate">
      <input type="hidden" name="csrf" value="{/page/user/@csrf}"/>
      <input type="hidden" name="action" value="{$action}"/>
      <button type="submit" class="button-secondary button"><xsl:value-of select="p:t(concat('forum-action.', $action))"/></button>
    </form>
  </xsl:template>

  <!-- /community/p/ID/history (staff) -->
  <xsl:template match="page/forum-history">
    <nav class="trail" aria-label="{p:t('forum-trail')}">
      <ol>
        <li><a href="/community"><xsl:value-of select="p:t('forum-title')"/></a></li>
        <li><span class="trail-sep" aria-hidden="true">›</span><a href="{@url}"><xsl:value-of select="title"/></a></li>
      </ol>
    </nav>
    <h1><xsl:value-of select="p:t('forum-history.title')"/></h1>
    <xsl:for-each select="version">
      <article class="card forum-post">
        <header class="meta">
          <xsl:choose>
            <xsl:when test="@current"><strong><xsl:value-of select="p:t('forum-history.current')"/></strong></xsl:when>
            <xsl:otherwise>
              <time datetime="{@written}" dir="ltr"><xsl:value-of select="concat(substring(@written, 1, 10), ' ', substring(@written, 12, 5))"/></time>
              · <xsl:value-of select="p:t('forum-history.replaced-by', editor)"/>
            </xsl:otherwise>
          </xsl:choose>
        </header>
        <div class="body" dir="auto"><xsl:apply-templates select="body/node()" mode="md"/></div>
      </article>
    </xsl:for-each>
  </xsl:template>

  <!-- /staff/community -->
  <xsl:template match="page/staff-community">
    <h1><xsl:value-of select="p:t('forum-staff.title')"/></h1>
    <p><a href="/staff/community/categories"><xsl:value-of select="p:t('forum-categories.title')"/></a></p>
    <section aria-labelledby="queue-heading">
      <h2 id="queue-heading"><xsl:value-of select="p:t('forum-staff.queue')"/></h2>
      <xsl:apply-templates select="queue" mode="staff-community"/>
    </section>
    <section aria-labelledby="flagged-heading">
      <h2 id="flagged-heading"><xsl:value-of select="p:t('forum-staff.flagged')"/></h2>
      <xsl:apply-templates select="flagged" mode="staff-community"/>
    </section>
    <section class="card" aria-labelledby="ban-heading">
      <h2 id="ban-heading"><xsl:value-of select="p:t('forum-staff.ban')"/></h2>
      <p><xsl:value-of select="p:t('forum-staff.ban-help')"/></p>
      <xsl:apply-templates select="form"/>
    </section>
  </xsl:template>

  <!-- /staff/community/categories: each category's form, then a new one -->
  <xsl:template match="page/staff-forum-categories">
    <h1><xsl:value-of select="p:t('forum-categories.title')"/></h1>
    <p><a href="/staff/community"><xsl:value-of select="p:t('forum-staff.title')"/></a></p>
    <p><xsl:value-of select="p:t('forum-categories.intro')"/></p>
    <xsl:for-each select="forum-category">
      <section class="panel narrow">
        <h2 dir="ltr">
          <xsl:if test="@parent"><xsl:value-of select="@parent"/> / </xsl:if>
          <a href="/community/c/{@slug}"><xsl:value-of select="@slug"/></a>
        </h2>
        <p>
          <xsl:value-of select="p:t(concat('forum-visibility.', @visibility))"/>
          <xsl:text> · </xsl:text>
          <xsl:value-of select="p:tn('forum-topics-count', @topics)"/>
        </p>
        <xsl:apply-templates select="form"/>
      </section>
    </xsl:for-each>
    <section class="panel narrow">
      <h2><xsl:value-of select="p:t('forum-categories.new')"/></h2>
      <xsl:apply-templates select="new/form"/>
    </section>
  </xsl:template>

  <xsl:template match="queue | flagged" mode="staff-community">
    <xsl:choose>
      <xsl:when test="post">
        <xsl:for-each select="post">
          <article class="card forum-post">
            <header class="meta">
              <a href="{@url}" dir="auto"><xsl:value-of select="title"/></a>
              · <xsl:value-of select="p:t('forum-staff.author', author, @author-id)"/>
              · <time datetime="{@created}" dir="ltr"><xsl:value-of select="substring(@created, 1, 10)"/></time>
              <xsl:if test="@flags &gt; 0"> · <xsl:value-of select="p:tn('forum-staff.flags', @flags)"/></xsl:if>
            </header>
            <xsl:if test="reason"><p><em><xsl:value-of select="reason"/></em></p></xsl:if>
            <div class="body" dir="auto"><xsl:apply-templates select="body/node()" mode="md"/></div>
            <div class="card-actions">
              <xsl:choose>
                <xsl:when test="@position = 1">
                  <form class="inline-form" method="post" action="/community/t/{@topic}/moderate">
                    <input type="hidden" name="csrf" value="{/page/user/@csrf}"/>
                    <input type="hidden" name="action" value="approve"/>
                    <button type="submit" class="button"><xsl:value-of select="p:t('forum-action.approve')"/></button>
                  </form>
                  <form class="inline-form" method="post" action="/community/t/{@topic}/moderate">
                    <input type="hidden" name="csrf" value="{/page/user/@csrf}"/>
                    <input type="hidden" name="action" value="hide"/>
                    <button type="submit" class="button-secondary button"><xsl:value-of select="p:t('forum-action.hide')"/></button>
                  </form>
                </xsl:when>
                <xsl:otherwise>
                  <xsl:if test="parent::queue"><xsl:call-template name="forum-post-action"><xsl:with-param name="action" select="'approve'"/></xsl:call-template></xsl:if>
                  <xsl:call-template name="forum-post-action"><xsl:with-param name="action" select="'hide'"/></xsl:call-template>
                  <xsl:if test="parent::flagged"><xsl:call-template name="forum-post-action"><xsl:with-param name="action" select="'dismiss'"/></xsl:call-template></xsl:if>
                </xsl:otherwise>
              </xsl:choose>
            </div>
          </article>
        </xsl:for-each>
      </xsl:when>
      <xsl:otherwise><p class="empty"><xsl:value-of select="p:t('forum-staff.none')"/></p></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- /community/unsubscribe?token=… and /ideas/unsubscribe?token=…
       (from a mail; no sign-in needed) -->
  <xsl:template match="page/forum-unsubscribe">
    <h1><xsl:value-of select="p:t('forum-unsubscribe.title')"/></h1>
    <xsl:choose>
      <xsl:when test="@done"><p role="status"><xsl:value-of select="p:t('forum-unsubscribe.done')"/></p></xsl:when>
      <xsl:otherwise>
        <p>
          <xsl:choose>
            <xsl:when test="@about = 'idea'"><xsl:value-of select="p:t('forum-unsubscribe.text-idea')"/></xsl:when>
            <xsl:otherwise><xsl:value-of select="p:t('forum-unsubscribe.text')"/></xsl:otherwise>
          </xsl:choose>
        </p>
        <xsl:apply-templates select="form"/>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- The home page's active topics (home/forum-topics[@name='active']) -->
  <xsl:template match="forum-topics" mode="home">
    <section class="card" aria-labelledby="forum-active-heading">
      <h2 id="forum-active-heading"><a href="/community"><xsl:value-of select="p:t('forum-active')"/></a></h2>
      <xsl:apply-templates select="."/>
    </section>
  </xsl:template>
</xsl:stylesheet>
