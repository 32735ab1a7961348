<?xml version="1.0" encoding="UTF-8"?>
<!-- Staff pages for content: the list (staff-content), the editor
     (staff-editor), versions (staff-history) and a comparison
     (staff-compare). -->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:p="urn:portico"
    xmlns:str="http://exslt.org/strings"
    exclude-result-prefixes="p str">

  <!-- Every item -->
  <xsl:template match="staff-content" mode="title"><xsl:value-of select="p:t('staff-content.title')"/></xsl:template>
  <xsl:template match="staff-content">
    <h1><xsl:value-of select="p:t('staff-content.title')"/></h1>
    <xsl:call-template name="staff-nav"/>
    <p><a class="button" href="/staff/content/new"><xsl:value-of select="p:t('staff-content.new')"/></a></p>
    <form class="search" method="get" action="/staff/content">
      <label for="c-q"><xsl:value-of select="p:t('staff.find')"/></label>
      <input id="c-q" name="q" value="{filter/@q}"/>
      <label for="c-kind"><xsl:value-of select="p:t('search.filter.kind')"/></label>
      <select id="c-kind" name="kind">
        <option value=""><xsl:value-of select="p:t('search.filter.any')"/></option>
        <xsl:for-each select="str:tokenize('article video faq download news', ' ')">
          <option value="{.}"><xsl:if test=". = /page/staff-content/filter/@kind"><xsl:attribute name="selected">selected</xsl:attribute></xsl:if><xsl:value-of select="p:t(concat('kind.', .))"/></option>
        </xsl:for-each>
      </select>
      <label for="c-status"><xsl:value-of select="p:t('staff-content.status')"/></label>
      <select id="c-status" name="status">
        <option value=""><xsl:value-of select="p:t('search.filter.any')"/></option>
        <xsl:for-each select="str:tokenize('draft published archived', ' ')">
          <option value="{.}"><xsl:if test=". = /page/staff-content/filter/@status"><xsl:attribute name="selected">selected</xsl:attribute></xsl:if><xsl:value-of select="p:t(concat('state.', .))"/></option>
        </xsl:for-each>
      </select>
      <button type="submit"><xsl:value-of select="p:t('staff.find')"/></button>
    </form>
    <table class="list" tabindex="0">
      <thead><tr>
        <th scope="col"><xsl:value-of select="p:t('field.title')"/></th>
        <th scope="col"><xsl:value-of select="p:t('search.filter.kind')"/></th>
        <th scope="col"><xsl:value-of select="p:t('search.filter.in')"/></th>
        <th scope="col"><xsl:value-of select="p:t('staff-content.status')"/></th>
        <th scope="col"><xsl:value-of select="p:t('field.visibility')"/></th>
        <th scope="col"><xsl:value-of select="p:t('staff-content.views')"/></th>
        <th scope="col"><xsl:value-of select="p:t('staff-content.helpful')"/></th>
        <th scope="col"><xsl:value-of select="p:t('activity.when')"/></th>
      </tr></thead>
      <tbody>
        <xsl:for-each select="items/item">
          <tr>
            <td lang="{@lang}"><a href="/staff/content/{@id}"><xsl:value-of select="title"/></a></td>
            <td><xsl:value-of select="p:t(concat('kind.', @kind))"/></td>
            <td><xsl:value-of select="@lang"/></td>
            <td><xsl:value-of select="p:t(concat('state.', @status))"/></td>
            <td><xsl:value-of select="p:t(concat('visibility.', @visibility))"/></td>
            <td><xsl:value-of select="@views"/></td>
            <td>
              <xsl:value-of select="p:t('staff-content.votes', p:n(@helpful), p:n(@unhelpful))"/>
              <xsl:if test="@comments &gt; 0">
                · <a href="/staff/content/{@id}#feedback"><xsl:value-of select="p:t('staff-content.comments', p:n(@comments))"/></a>
              </xsl:if>
            </td>
            <td dir="ltr"><xsl:value-of select="@updated"/></td>
          </tr>
        </xsl:for-each>
      </tbody>
    </table>
  </xsl:template>

  <!-- The editor -->
  <xsl:template match="staff-editor" mode="title">
    <xsl:value-of select="p:t('staff-content.edit')"/>
  </xsl:template>
  <xsl:template match="staff-editor">
    <h1>
      <xsl:choose>
        <xsl:when test="@id != 0"><xsl:value-of select="p:t('staff-content.edit')"/></xsl:when>
        <xsl:otherwise><xsl:value-of select="p:t('staff-content.new')"/></xsl:otherwise>
      </xsl:choose>
    </h1>
    <xsl:call-template name="staff-nav"/>
    <xsl:if test="@id != 0">
      <p class="meta">
        <xsl:value-of select="p:t(concat('state.', @status))"/> ·
        <a href="{@url}"><xsl:value-of select="p:t('staff-content.view')"/></a> ·
        <a href="/staff/content/{@id}/history"><xsl:value-of select="p:t('staff-content.history')"/></a>
      </p>
    </xsl:if>
    <xsl:if test="error[not(@field) or @field = '']">
      <p class="form-error" role="alert"><xsl:value-of select="p:t(concat('form.error.', error/@key))"/></p>
    </xsl:if>
    <xsl:apply-templates select="form"/>
    <xsl:if test="preview">
      <section class="preview" aria-labelledby="preview-h">
        <h2 id="preview-h"><xsl:value-of select="p:t('staff-content.preview')"/></h2>
        <article class="content">
          <h1><xsl:value-of select="preview/title"/></h1>
          <div class="prose"><xsl:apply-templates select="preview/body/node()" mode="md"/></div>
        </article>
      </section>
    </xsl:if>
    <xsl:apply-templates select="feedback"/>
  </xsl:template>

  <!-- What voters said of the item, newest first -->
  <xsl:template match="staff-editor/feedback">
    <section class="feedback-comments" id="feedback" aria-labelledby="feedback-h">
      <h2 id="feedback-h"><xsl:value-of select="p:t('staff-content.feedback')"/></h2>
      <p class="meta"><xsl:value-of select="p:t('staff-content.feedback-votes', p:n(@helpful), p:n(@unhelpful))"/></p>
      <xsl:choose>
        <xsl:when test="comment">
          <ul class="comments">
            <xsl:for-each select="comment">
              <li class="comment helpful-{@helpful}">
                <p class="meta">
                  <xsl:value-of select="p:t(concat('staff-content.feedback-', @helpful))"/> ·
                  <xsl:choose>
                    <xsl:when test="@by"><xsl:value-of select="@by"/></xsl:when>
                    <xsl:otherwise><xsl:value-of select="p:t('staff-content.feedback-anonymous')"/></xsl:otherwise>
                  </xsl:choose> ·
                  <span dir="ltr"><xsl:value-of select="@at"/></span>
                </p>
                <blockquote><p><xsl:value-of select="."/></p></blockquote>
              </li>
            </xsl:for-each>
          </ul>
          <xsl:if test="@comments &gt; @shown">
            <p class="hint"><xsl:value-of select="p:tn('staff-content.feedback-more', @comments, p:n(@shown))"/></p>
          </xsl:if>
        </xsl:when>
        <xsl:otherwise><p><xsl:value-of select="p:t('staff-content.feedback-none')"/></p></xsl:otherwise>
      </xsl:choose>
    </section>
  </xsl:template>

  <xsl:template match="form[@id = 'content']">
    <form class="form editor" method="post" action="{@action}" id="form-content" enctype="multipart/form-data">
      <xsl:apply-templates select="hidden"/>
      <xsl:for-each select="field">
        <xsl:variable name="id" select="concat('f-content-', @name)"/>
        <div class="field field-{@name}">
          <xsl:if test="@error"><xsl:attribute name="class">field has-error</xsl:attribute></xsl:if>
          <label for="{$id}"><xsl:value-of select="p:t(concat('field.', @name))"/></label>
          <xsl:choose>
            <xsl:when test="@type = 'markdown'">
              <textarea id="{$id}" name="body" rows="18" class="markdown" dir="auto"><xsl:value-of select="@value"/></textarea>
              <p class="hint"><xsl:value-of select="p:t('staff-content.markdown')"/></p>
            </xsl:when>
            <xsl:when test="@type = 'select'">
              <select id="{$id}" name="{@name}">
                <xsl:for-each select="option">
                  <option value="{@value}">
                    <xsl:if test="@value = ../@value"><xsl:attribute name="selected">selected</xsl:attribute></xsl:if>
                    <xsl:choose>
                      <xsl:when test="@value = ''">–</xsl:when>
                      <xsl:when test="../@name = 'kind'"><xsl:value-of select="p:t(concat('kind.', @value))"/></xsl:when>
                      <xsl:when test="../@name = 'lang'"><xsl:value-of select="p:t(concat('langname.', @value))"/></xsl:when>
                      <xsl:when test="../@name = 'visibility'"><xsl:value-of select="p:t(concat('visibility.', @value))"/></xsl:when>
                      <xsl:when test="../@name = 'news_kind'"><xsl:value-of select="p:t(concat('news.kind.', @value))"/></xsl:when>
                      <xsl:when test="../@name = 'severity'"><xsl:value-of select="p:t(concat('severity.', @value))"/></xsl:when>
                      <xsl:otherwise><xsl:value-of select="@value"/></xsl:otherwise>
                    </xsl:choose>
                  </option>
                </xsl:for-each>
              </select>
            </xsl:when>
            <xsl:when test="@type = 'file'">
              <input id="{$id}" name="file" type="file"/>
            </xsl:when>
            <xsl:otherwise>
              <input id="{$id}" name="{@name}" type="{@type}" value="{@value}" dir="auto"/>
            </xsl:otherwise>
          </xsl:choose>
          <xsl:if test="hint">
            <p class="hint"><xsl:value-of select="p:t('staff-content.segments-hint')"/>
              <xsl:for-each select="hint"><xsl:text> </xsl:text><code><xsl:value-of select="."/></code></xsl:for-each></p>
          </xsl:if>
          <xsl:if test="@error">
            <p class="field-error" role="alert"><xsl:value-of select="p:t(concat('form.error.', @error))"/></p>
          </xsl:if>
        </div>
      </xsl:for-each>
      <div class="actions">
        <button type="submit" name="action" value="preview"><xsl:value-of select="p:t('staff-content.preview')"/></button>
        <button type="submit" name="action" value="save"><xsl:value-of select="p:t('staff-content.save')"/></button>
        <button type="submit" name="action" value="publish"><xsl:value-of select="p:t('staff-content.publish')"/></button>
        <button type="submit" name="action" value="unpublish"><xsl:value-of select="p:t('staff-content.unpublish')"/></button>
        <button type="submit" name="action" value="archive"><xsl:value-of select="p:t('staff-content.archive')"/></button>
      </div>
    </form>
  </xsl:template>

  <!-- Versions -->
  <xsl:template match="staff-history" mode="title"><xsl:value-of select="p:t('staff-content.history')"/></xsl:template>
  <xsl:template match="staff-history">
    <h1><xsl:value-of select="p:t('staff-content.history')"/>: <xsl:value-of select="title"/></h1>
    <xsl:call-template name="staff-nav"/>
    <p><a href="/staff/content/{@id}"><xsl:value-of select="p:t('staff-content.edit')"/></a></p>
    <form method="get" action="/staff/content/{@id}/compare">
      <table class="list" tabindex="0">
        <thead><tr>
          <th scope="col">A</th><th scope="col">B</th>
          <th scope="col"><xsl:value-of select="p:t('staff-content.version')"/></th>
          <th scope="col"><xsl:value-of select="p:t('field.title')"/></th>
          <th scope="col"><xsl:value-of select="p:t('activity.when')"/></th>
          <th scope="col"><xsl:value-of select="p:t('staff-content.by')"/></th>
          <th scope="col"><xsl:value-of select="p:t('staff-content.note')"/></th>
          <th scope="col"><span class="visually-hidden"><xsl:value-of select="p:t('members.actions')"/></span></th>
        </tr></thead>
        <tbody>
          <xsl:for-each select="versions/version">
            <tr>
              <td><input type="radio" name="a" value="{@n}" aria-label="A {@n}"><xsl:if test="position() = 2"><xsl:attribute name="checked">checked</xsl:attribute></xsl:if></input></td>
              <td><input type="radio" name="b" value="{@n}" aria-label="B {@n}"><xsl:if test="position() = 1"><xsl:attribute name="checked">checked</xsl:attribute></xsl:if></input></td>
              <td><xsl:value-of select="@n"/></td>
              <td><xsl:value-of select="title"/></td>
              <td dir="ltr"><xsl:value-of select="@at"/></td>
              <td><xsl:value-of select="@by"/></td>
              <td><xsl:value-of select="@note"/></td>
              <td>
                <xsl:if test="@n != ../../@version">
                  <button type="submit" form="restore-{@n}"><xsl:value-of select="p:t('staff-content.restore')"/></button>
                </xsl:if>
              </td>
            </tr>
          </xsl:for-each>
        </tbody>
      </table>
      <button type="submit"><xsl:value-of select="p:t('staff-content.compare')"/></button>
    </form>
    <xsl:for-each select="versions/version[@n != ../../@version]">
      <form id="restore-{@n}" method="post" action="/staff/content/{../../@id}/restore" class="hidden-form">
        <input type="hidden" name="csrf" value="{../../@csrf}"/>
        <input type="hidden" name="version" value="{@n}"/>
      </form>
    </xsl:for-each>
  </xsl:template>

  <xsl:template match="staff-compare" mode="title"><xsl:value-of select="p:t('staff-content.compare')"/></xsl:template>
  <xsl:template match="staff-compare">
    <h1><xsl:value-of select="p:t('staff-content.compare-ab', @a, @b)"/></h1>
    <p><a href="/staff/content/{@id}/history"><xsl:value-of select="p:t('staff-content.history')"/></a></p>
    <xsl:for-each select="title | summary | body | tags">
      <h2><xsl:value-of select="p:t(concat('field.', local-name()))"/></h2>
      <pre class="diff" dir="auto"><xsl:for-each select="line"><span class="diff-{@op}"><xsl:choose>
        <xsl:when test="@op = 'del'">- </xsl:when><xsl:when test="@op = 'ins'">+ </xsl:when><xsl:otherwise><xsl:text>  </xsl:text></xsl:otherwise>
      </xsl:choose><xsl:value-of select="."/></span><xsl:text>&#10;</xsl:text></xsl:for-each></pre>
    </xsl:for-each>
  </xsl:template>
</xsl:stylesheet>
