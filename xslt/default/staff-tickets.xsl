<?xml version="1.0" encoding="UTF-8"?>
<!--
  Staff ticket pages: the queue (staff-tickets), one ticket
  (staff-ticket), canned replies (staff-canned), reports with their
  charts (staff-ticket-reports), departments (staff-departments) and
  service-level policies (staff-policies).  The charts are SVG drawn
  here from the page XML, each with a table beside it for screen
  readers.
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:p="urn:portico"
    xmlns:str="http://exslt.org/strings"
    exclude-result-prefixes="p str">

  <xsl:template match="staff-tickets | staff-ticket-reports | staff-canned | staff-departments | staff-policies | staff-held" mode="title">
    <xsl:value-of select="p:t(concat(local-name(), '.title'))"/>
  </xsl:template>
  <xsl:template match="staff-held-mail" mode="title">
    <xsl:value-of select="concat(p:t('staff-held.title'), ' · ', mail/subject)"/>
  </xsl:template>
  <xsl:template match="staff-ticket" mode="title">
    <xsl:value-of select="concat(@ref, ' · ', subject)"/>
  </xsl:template>

  <!-- The links between the staff ticket pages. -->
  <xsl:template name="ticket-nav">
    <nav class="account-nav" aria-label="{p:t('staff-tickets.title')}">
      <ul>
        <li><a href="/staff/tickets"><xsl:value-of select="p:t('staff-tickets.title')"/></a></li>
        <li><a href="/staff/tickets/reports"><xsl:value-of select="p:t('staff-ticket-reports.title')"/></a></li>
        <li><a href="/staff/tickets/canned"><xsl:value-of select="p:t('staff-canned.title')"/></a></li>
        <li><a href="/staff/tickets/held"><xsl:value-of select="p:t('staff-held.title')"/></a></li>
        <xsl:if test="/page/user/@role = 'admin'">
          <li><a href="/staff/tickets/departments"><xsl:value-of select="p:t('staff-departments.title')"/></a></li>
          <li><a href="/staff/tickets/policies"><xsl:value-of select="p:t('staff-policies.title')"/></a></li>
        </xsl:if>
      </ul>
    </nav>
  </xsl:template>

  <!-- ==== the queue ==================================================== -->
  <xsl:template match="staff-tickets">
    <h1><xsl:value-of select="p:t('staff-tickets.title')"/></h1>
    <xsl:call-template name="staff-nav"/>
    <xsl:call-template name="ticket-nav"/>
    <nav class="ticket-views" aria-label="{p:t('staff-tickets.views')}">
      <ul class="pills">
        <li><a href="/staff/tickets"><xsl:value-of select="p:t('staff-tickets.view.active')"/></a></li>
        <xsl:for-each select="counts/count">
          <li>
            <a class="view-{@view}">
              <xsl:attribute name="href">
                <xsl:choose>
                  <xsl:when test="@view = 'mine'">/staff/tickets?assignee=me</xsl:when>
                  <xsl:when test="@view = 'unassigned'">/staff/tickets?assignee=unassigned</xsl:when>
                  <xsl:when test="@view = 'breached'">/staff/tickets?due=breached</xsl:when>
                  <xsl:when test="@view = 'due-soon'">/staff/tickets?due=soon</xsl:when>
                  <xsl:otherwise><xsl:value-of select="concat('/staff/tickets?status=', @view)"/></xsl:otherwise>
                </xsl:choose>
                <xsl:if test="../../@department != '0'"><xsl:value-of select="concat('&amp;department=', ../../@department)"/></xsl:if>
              </xsl:attribute>
              <xsl:choose>
                <xsl:when test="@more"><xsl:value-of select="p:t(concat('staff-tickets.view.', @view), concat(p:n(@n), '+'))"/></xsl:when>
                <xsl:otherwise><xsl:value-of select="p:t(concat('staff-tickets.view.', @view), p:n(@n))"/></xsl:otherwise>
              </xsl:choose>
            </a>
          </li>
        </xsl:for-each>
      </ul>
    </nav>
    <form class="search ticket-filters" method="get" action="/staff/tickets" role="search">
      <label for="tq"><xsl:value-of select="p:t('staff-tickets.search')"/></label>
      <input id="tq" type="search" name="q" value="{@q}" maxlength="200"/>
      <label for="tf-department"><xsl:value-of select="p:t('staff-tickets.field.department')"/></label>
      <select id="tf-department" name="department">
        <option value="0"><xsl:value-of select="p:t('staff-tickets.all')"/></option>
        <xsl:for-each select="departments/department">
          <option value="{@id}"><xsl:if test="@selected"><xsl:attribute name="selected">selected</xsl:attribute></xsl:if><xsl:value-of select="."/></option>
        </xsl:for-each>
      </select>
      <xsl:call-template name="queue-select">
        <xsl:with-param name="name" select="'status'"/>
        <xsl:with-param name="current" select="@status"/>
        <xsl:with-param name="values" select="'active new open waiting resolved closed'"/>
        <xsl:with-param name="prefix" select="'staff-tickets.status.'"/>
      </xsl:call-template>
      <xsl:call-template name="queue-select">
        <xsl:with-param name="name" select="'assignee'"/>
        <xsl:with-param name="current" select="@assignee"/>
        <xsl:with-param name="values" select="'anyone me unassigned'"/>
        <xsl:with-param name="prefix" select="'staff-tickets.assignee.'"/>
      </xsl:call-template>
      <xsl:call-template name="queue-select">
        <xsl:with-param name="name" select="'priority'"/>
        <xsl:with-param name="current" select="@priority"/>
        <xsl:with-param name="values" select="'any low normal high urgent'"/>
        <xsl:with-param name="prefix" select="'staff-tickets.priority.'"/>
      </xsl:call-template>
      <xsl:call-template name="queue-select">
        <xsl:with-param name="name" select="'due'"/>
        <xsl:with-param name="current" select="@due"/>
        <xsl:with-param name="values" select="'any soon breached'"/>
        <xsl:with-param name="prefix" select="'staff-tickets.due.'"/>
      </xsl:call-template>
      <button type="submit"><xsl:value-of select="p:t('staff.find')"/></button>
    </form>
    <xsl:choose>
      <xsl:when test="tickets/ticket">
        <!-- Labels once, not once a row. -->
        <xsl:variable name="l-due" select="p:t('staff-tickets.due')"/>
        <xsl:variable name="l-ref" select="p:t('staff-tickets.ref')"/>
        <xsl:variable name="l-subject" select="p:t('staff-tickets.subject')"/>
        <xsl:variable name="l-requester" select="p:t('staff-tickets.requester')"/>
        <xsl:variable name="l-status" select="p:t('staff-tickets.field.status')"/>
        <xsl:variable name="l-priority" select="p:t('staff-tickets.field.priority')"/>
        <xsl:variable name="l-assignee" select="p:t('staff-tickets.field.assignee')"/>
        <xsl:variable name="l-breached" select="p:t('staff-tickets.sla.breached')"/>
        <xsl:variable name="l-due-soon" select="p:t('staff-tickets.sla.due-soon')"/>
        <table class="list stack ticket-queue">
          <thead><tr>
            <th scope="col"><xsl:value-of select="$l-due"/></th>
            <th scope="col"><xsl:value-of select="$l-ref"/></th>
            <th scope="col"><xsl:value-of select="$l-subject"/></th>
            <th scope="col"><xsl:value-of select="$l-requester"/></th>
            <th scope="col"><xsl:value-of select="$l-status"/></th>
            <th scope="col"><xsl:value-of select="$l-priority"/></th>
            <th scope="col"><xsl:value-of select="$l-assignee"/></th>
          </tr></thead>
          <tbody>
            <xsl:for-each select="tickets/ticket">
              <tr class="ticket">
                <xsl:if test="@sla"><xsl:attribute name="class">ticket sla-<xsl:value-of select="@sla"/></xsl:attribute></xsl:if>
                <td data-label="{$l-due}">
                  <xsl:if test="due"><time datetime="{due/@at}"><xsl:value-of select="due"/></time></xsl:if>
                  <xsl:if test="@sla = 'breached'"><xsl:text> </xsl:text><span class="pill pill-danger"><xsl:value-of select="$l-breached"/></span></xsl:if>
                  <xsl:if test="@sla = 'due-soon'"><xsl:text> </xsl:text><span class="pill pill-warning"><xsl:value-of select="$l-due-soon"/></span></xsl:if>
                </td>
                <td data-label="{$l-ref}"><a href="/staff/tickets/{@ref}"><xsl:value-of select="@ref"/></a></td>
                <td data-label="{$l-subject}" dir="auto" lang="{@lang}"><a href="/staff/tickets/{@ref}"><xsl:value-of select="subject"/></a></td>
                <td data-label="{$l-requester}"><xsl:value-of select="requester"/> · <span class="meta"><xsl:value-of select="account"/></span></td>
                <td data-label="{$l-status}"><xsl:value-of select="p:t(concat('staff-tickets.status.', @status))"/></td>
                <td data-label="{$l-priority}"><xsl:value-of select="p:t(concat('staff-tickets.priority.', @priority))"/></td>
                <td data-label="{$l-assignee}"><xsl:value-of select="assignee"/></td>
              </tr>
            </xsl:for-each>
          </tbody>
        </table>
      </xsl:when>
      <xsl:otherwise>
        <xsl:call-template name="empty-state">
          <xsl:with-param name="text" select="p:t('staff-tickets.none')"/>
        </xsl:call-template>
      </xsl:otherwise>
    </xsl:choose>
    <xsl:if test="tickets/@previous or tickets/@next">
      <xsl:variable name="query">
        <xsl:value-of select="concat('?status=', @status, '&amp;assignee=', @assignee, '&amp;department=', @department)"/>
        <xsl:if test="@priority != ''"><xsl:value-of select="concat('&amp;priority=', @priority)"/></xsl:if>
        <xsl:if test="@due != ''"><xsl:value-of select="concat('&amp;due=', @due)"/></xsl:if>
        <xsl:if test="@q != ''"><xsl:value-of select="concat('&amp;q=', str:encode-uri(@q, true()))"/></xsl:if>
      </xsl:variable>
      <nav class="pager" aria-label="{p:t('pager.label')}">
        <xsl:if test="tickets/@previous">
          <a rel="prev" href="{$query}&amp;page={tickets/@previous}"><xsl:value-of select="p:t('pager.prev')"/></a>
        </xsl:if>
        <xsl:if test="tickets/@next">
          <a rel="next" href="{$query}&amp;page={tickets/@next}"><xsl:value-of select="p:t('pager.next')"/></a>
        </xsl:if>
      </nav>
    </xsl:if>
  </xsl:template>

  <!-- A select of the queue's filter form: values space-separated, each
       named prefix + value; "any" stands for the empty value. -->
  <xsl:template name="queue-select">
    <xsl:param name="name"/>
    <xsl:param name="current"/>
    <xsl:param name="values"/>
    <xsl:param name="prefix"/>
    <label for="tf-{$name}"><xsl:value-of select="p:t(concat('staff-tickets.field.', $name))"/></label>
    <select id="tf-{$name}" name="{$name}">
      <xsl:for-each select="str:tokenize($values, ' ')">
        <xsl:variable name="v" select="substring(., 1, string-length(.) * number(. != 'any'))"/>
        <option value="{$v}">
          <xsl:if test="$v = $current"><xsl:attribute name="selected">selected</xsl:attribute></xsl:if>
          <xsl:value-of select="p:t(concat($prefix, .))"/>
        </option>
      </xsl:for-each>
    </select>
  </xsl:template>

  <!-- ==== one ticket =================================================== -->
  <xsl:template match="staff-ticket">
    <h1 dir="auto" lang="{@lang}"><xsl:value-of select="subject"/></h1>
    <p class="meta">
      <span class="ticket-ref"><xsl:value-of select="@ref"/></span>
      <xsl:text> · </xsl:text>
      <xsl:value-of select="p:t(concat('staff-tickets.status.', @status))"/>
      <xsl:text> · </xsl:text>
      <xsl:value-of select="p:t(concat('staff-tickets.priority.', @priority))"/>
      <xsl:if test="times/@sla">
        <xsl:text> </xsl:text>
        <xsl:call-template name="pill">
          <xsl:with-param name="text" select="p:t(concat('staff-tickets.sla.', times/@sla))"/>
          <xsl:with-param name="tone" select="'danger'"/>
        </xsl:call-template>
      </xsl:if>
    </p>
    <xsl:call-template name="ticket-nav"/>
    <xsl:if test="@merged-into">
      <p class="notice notice-info"><xsl:value-of select="p:t('staff-tickets.merged-into')"/><xsl:text> </xsl:text><a href="/staff/tickets/{@merged-into}"><xsl:value-of select="@merged-into"/></a></p>
    </xsl:if>
    <xsl:if test="@follows">
      <p class="meta"><xsl:value-of select="p:t('staff-tickets.follows')"/><xsl:text> </xsl:text><a href="/staff/tickets/{@follows}"><xsl:value-of select="@follows"/></a></p>
    </xsl:if>
    <div class="ticket-layout">
      <section class="ticket-thread" aria-labelledby="thread-h">
        <h2 id="thread-h"><xsl:value-of select="p:t('staff-tickets.thread')"/></h2>
        <xsl:for-each select="thread/message">
          <article id="m{@id}" class="message message-{@author-kind}">
            <xsl:if test="@internal"><xsl:attribute name="class">message message-internal</xsl:attribute></xsl:if>
            <header class="meta">
              <xsl:if test="@internal">
                <xsl:call-template name="pill"><xsl:with-param name="text" select="p:t('staff-tickets.internal')"/><xsl:with-param name="tone" select="'warning'"/></xsl:call-template>
                <xsl:text> </xsl:text>
              </xsl:if>
              <xsl:if test="@new">
                <xsl:call-template name="pill"><xsl:with-param name="text" select="p:t('staff-tickets.new-message')"/><xsl:with-param name="tone" select="'info'"/></xsl:call-template>
                <xsl:text> </xsl:text>
              </xsl:if>
              <strong><xsl:value-of select="author"/></strong>
              <xsl:if test="not(author)"><xsl:value-of select="p:t(concat('staff-tickets.author.', @author-kind))"/></xsl:if>
              <xsl:text> · </xsl:text>
              <time datetime="{at/@at}"><xsl:value-of select="at"/></time>
              <xsl:if test="@source = 'mail'"> · <xsl:value-of select="p:t('staff-tickets.by-mail')"/></xsl:if>
              <xsl:if test="@attachments"> · <xsl:value-of select="p:tn('staff-tickets.attachments', @attachments)"/></xsl:if>
            </header>
            <div class="message-body" dir="auto"><xsl:apply-templates select="body/node()" mode="md"/></div>
            <xsl:if test="attachment">
              <ul class="attachments" aria-label="{p:t('tickets.attachments')}">
                <xsl:for-each select="attachment">
                  <li>
                    <a href="/staff/tickets/{/page/staff-ticket/@ref}/files/{@id}/{str:encode-uri(., true())}"><xsl:value-of select="."/></a>
                    <span class="meta"><xsl:text> · </xsl:text><xsl:call-template name="size"><xsl:with-param name="n" select="@size"/></xsl:call-template></span>
                  </li>
                </xsl:for-each>
              </ul>
            </xsl:if>
          </article>
        </xsl:for-each>
        <section class="panel" aria-labelledby="reply-h">
          <h2 id="reply-h"><xsl:value-of select="p:t('staff-tickets.reply')"/></h2>
          <xsl:if test="canned/reply">
            <form class="inline canned-pick" method="get" action="/staff/tickets/{@ref}#form-ticket-reply">
              <label for="canned-pick"><xsl:value-of select="p:t('staff-tickets.canned')"/></label>
              <select id="canned-pick" name="canned" data-fill="f-ticket-reply-body" data-confirm="{p:t('staff-tickets.canned-replace')}">
                <xsl:for-each select="canned/reply">
                  <option value="{@id}" data-body="{.}">
                    <xsl:if test="@selected"><xsl:attribute name="selected">selected</xsl:attribute></xsl:if>
                    <xsl:value-of select="@title"/>
                  </option>
                </xsl:for-each>
              </select>
              <button type="submit"><xsl:value-of select="p:t('staff-tickets.use-canned')"/></button>
            </form>
          </xsl:if>
          <xsl:apply-templates select="form[@id = 'ticket-reply']"/>
        </section>
        <section aria-labelledby="events-h">
          <h2 id="events-h"><xsl:value-of select="p:t('staff-tickets.history')"/></h2>
          <ul class="ticket-events">
            <xsl:for-each select="events/event">
              <li>
                <time datetime="{at/@at}"><xsl:value-of select="at"/></time>
                <xsl:text> · </xsl:text>
                <xsl:value-of select="p:t(concat('staff-tickets.event.', @kind), @old, @new)"/>
                <xsl:if test="@actor"> · <xsl:value-of select="@actor"/></xsl:if>
              </li>
            </xsl:for-each>
          </ul>
        </section>
      </section>
      <aside class="ticket-side">
        <dl class="facts">
          <dt><xsl:value-of select="p:t('staff-tickets.requester')"/></dt>
          <dd><xsl:value-of select="requester"/><br/><a href="mailto:{requester/@email}"><xsl:value-of select="requester/@email"/></a></dd>
          <dt><xsl:value-of select="p:t('staff-tickets.account')"/></dt>
          <dd><a href="/staff/accounts?q={str:encode-uri(account/@number, true())}"><xsl:value-of select="account"/></a> (<xsl:value-of select="account/@number"/>)</dd>
          <dt><xsl:value-of select="p:t('staff-tickets.field.department')"/></dt>
          <dd><xsl:value-of select="departments/department[@selected]"/></dd>
          <dt><xsl:value-of select="p:t('staff-tickets.field.assignee')"/></dt>
          <dd><xsl:value-of select="assignee"/><xsl:if test="not(assignee)"><xsl:value-of select="p:t('staff-tickets.nobody')"/></xsl:if></dd>
          <xsl:if test="policy">
            <dt><xsl:value-of select="p:t('staff-tickets.policy')"/></dt>
            <dd><xsl:value-of select="policy"/></dd>
          </xsl:if>
          <xsl:if test="service">
            <dt><xsl:value-of select="p:t('tickets.field-service')"/></dt>
            <dd><bdi><xsl:value-of select="service"/></bdi></dd>
          </xsl:if>
          <xsl:for-each select="times/*">
            <dt><xsl:value-of select="p:t(concat('staff-tickets.time.', local-name()))"/></dt>
            <dd><time datetime="{@at}"><xsl:value-of select="."/></time></dd>
          </xsl:for-each>
          <xsl:if test="rating">
            <dt><xsl:value-of select="p:t('staff-tickets.rating')"/></dt>
            <dd><xsl:value-of select="p:t('staff-tickets.stars', rating/@stars)"/><xsl:if test="string(rating) != ''"><blockquote><p dir="auto"><xsl:value-of select="rating"/></p></blockquote></xsl:if></dd>
          </xsl:if>
        </dl>
        <xsl:apply-templates select="form[@id != 'ticket-reply']"/>
      </aside>
    </div>
    <script src="/static/default/staff-tickets.js" defer="defer"/>
  </xsl:template>

  <!-- ==== canned replies =============================================== -->
  <xsl:template match="staff-canned">
    <h1><xsl:value-of select="p:t('staff-canned.title')"/></h1>
    <xsl:call-template name="staff-nav"/>
    <xsl:call-template name="ticket-nav"/>
    <p><xsl:value-of select="p:t('staff-canned.intro')"/></p>
    <xsl:choose>
      <xsl:when test="reply">
        <xsl:for-each select="reply">
          <section class="panel canned-reply" aria-label="{@title}">
            <h2 lang="{@lang}" dir="auto"><xsl:value-of select="@title"/> <span class="meta"> (<xsl:value-of select="/page/languages/language[@code = current()/@lang]"/>)</span></h2>
            <xsl:apply-templates select="form"/>
          </section>
        </xsl:for-each>
      </xsl:when>
      <xsl:otherwise><p class="empty"><xsl:value-of select="p:t('staff-canned.none')"/></p></xsl:otherwise>
    </xsl:choose>
    <section class="panel">
      <h2><xsl:value-of select="p:t('staff-canned.add')"/></h2>
      <xsl:apply-templates select="new/form"/>
    </section>
  </xsl:template>

  <!-- ==== held mail ====================================================== -->
  <xsl:template match="staff-held">
    <h1><xsl:value-of select="p:t('staff-held.title')"/></h1>
    <xsl:call-template name="staff-nav"/>
    <xsl:call-template name="ticket-nav"/>
    <p><xsl:value-of select="p:t('staff-held.intro')"/></p>
    <xsl:choose>
      <xsl:when test="held/mail">
        <table class="list stack held-mail">
          <thead><tr>
            <th scope="col"><xsl:value-of select="p:t('staff-held.from')"/></th>
            <th scope="col"><xsl:value-of select="p:t('staff-held.subject')"/></th>
            <th scope="col"><xsl:value-of select="p:t('staff-held.reason')"/></th>
            <th scope="col"><xsl:value-of select="p:t('staff-held.received')"/></th>
          </tr></thead>
          <tbody>
            <xsl:for-each select="held/mail">
              <tr class="held">
                <td data-label="{p:t('staff-held.from')}" class="held-from"><bdi dir="ltr"><xsl:value-of select="from"/></bdi></td>
                <td data-label="{p:t('staff-held.subject')}"><a href="/staff/tickets/held/{@id}" dir="auto"><xsl:value-of select="subject"/></a></td>
                <td data-label="{p:t('staff-held.reason')}"><xsl:value-of select="p:t(concat('staff-held.reason.', @reason))"/></td>
                <td data-label="{p:t('staff-held.received')}"><time datetime="{received/@at}"><xsl:value-of select="received"/></time></td>
              </tr>
            </xsl:for-each>
          </tbody>
        </table>
      </xsl:when>
      <xsl:otherwise><p class="empty"><xsl:value-of select="p:t('staff-held.none')"/></p></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="staff-held-mail">
    <h1 dir="auto"><xsl:value-of select="mail/subject"/></h1>
    <xsl:call-template name="staff-nav"/>
    <xsl:call-template name="ticket-nav"/>
    <xsl:for-each select="mail">
      <dl class="details">
        <dt><xsl:value-of select="p:t('staff-held.from')"/></dt>
        <dd><bdi dir="ltr"><xsl:value-of select="from"/></bdi></dd>
        <dt><xsl:value-of select="p:t('staff-held.reason')"/></dt>
        <dd><xsl:value-of select="p:t(concat('staff-held.reason.', @reason))"/></dd>
        <dt><xsl:value-of select="p:t('staff-held.received')"/></dt>
        <dd><time datetime="{received/@at}"><xsl:value-of select="received"/></time></dd>
      </dl>
      <xsl:if test="@decided">
        <p class="notice notice-warning" role="alert"><xsl:value-of select="p:t('staff-held.decided')"/></p>
      </xsl:if>
      <xsl:if test="@state != 'held'">
        <p class="notice notice-info">
          <xsl:value-of select="p:t(concat('staff-held.state.', @state))"/>
          <xsl:if test="@ticket"><xsl:text> </xsl:text><a href="/staff/tickets/{@ticket}"><bdi dir="ltr"><xsl:value-of select="@ticket"/></bdi></a></xsl:if>
        </p>
      </xsl:if>
      <pre class="held-body" dir="auto"><xsl:value-of select="body"/></pre>
      <xsl:if test="file">
        <h2><xsl:value-of select="p:t('staff-held.files')"/></h2>
        <ul class="files">
          <xsl:for-each select="file">
            <li><a href="/staff/tickets/held/{../@id}/files/{@id}/{str:encode-uri(name, true())}"><bdi><xsl:value-of select="name"/></bdi></a> <span class="meta">(<xsl:value-of select="@type"/>, <xsl:value-of select="p:size(@size)"/>)</span></li>
          </xsl:for-each>
        </ul>
      </xsl:if>
      <xsl:for-each select="form">
        <section class="panel"><xsl:apply-templates select="."/></section>
      </xsl:for-each>
    </xsl:for-each>
  </xsl:template>

  <!-- ==== departments and policies ===================================== -->
  <xsl:template match="staff-departments">
    <h1><xsl:value-of select="p:t('staff-departments.title')"/></h1>
    <xsl:call-template name="staff-nav"/>
    <xsl:call-template name="ticket-nav"/>
    <p><xsl:value-of select="p:t('staff-departments.intro')"/></p>
    <xsl:for-each select="department">
      <section class="panel">
        <h2><xsl:value-of select="@slug"/></h2>
        <xsl:apply-templates select="form"/>
      </section>
    </xsl:for-each>
    <section class="panel">
      <h2><xsl:value-of select="p:t('staff-departments.add')"/></h2>
      <xsl:apply-templates select="new/form"/>
    </section>
  </xsl:template>

  <xsl:template match="form[starts-with(@id, 'department-')]/field[hint]" priority="2">
    <xsl:variable name="id" select="concat('f-', ../@id, '-', @name)"/>
    <div class="field has-error">
      <label for="{$id}"><xsl:value-of select="p:t(@label)"/></label>
      <textarea id="{$id}" name="{@name}" rows="6" aria-invalid="true" aria-describedby="{$id}-error"><xsl:value-of select="@value"/></textarea>
      <p class="field-error" id="{$id}-error">
        <xsl:value-of select="p:t(concat('form.error.', @error))"/>
        <xsl:text> </xsl:text>
        <span dir="ltr" lang="en"><xsl:value-of select="hint"/></span>
      </p>
    </div>
  </xsl:template>

  <xsl:template match="staff-policies">
    <h1><xsl:value-of select="p:t('staff-policies.title')"/></h1>
    <xsl:call-template name="staff-nav"/>
    <xsl:call-template name="ticket-nav"/>
    <p><xsl:value-of select="p:t('staff-policies.intro')"/></p>
    <xsl:for-each select="policy">
      <section class="panel">
        <h2><xsl:value-of select="@name"/> · <xsl:value-of select="p:t(concat('staff-tickets.priority.', @priority))"/></h2>
        <xsl:apply-templates select="form"/>
      </section>
    </xsl:for-each>
    <section class="panel">
      <h2><xsl:value-of select="p:t('staff-policies.add')"/></h2>
      <xsl:apply-templates select="new/form"/>
    </section>
  </xsl:template>

  <!-- ==== reports ====================================================== -->
  <xsl:template match="staff-ticket-reports">
    <h1><xsl:value-of select="p:t('staff-ticket-reports.title')"/></h1>
    <xsl:call-template name="staff-nav"/>
    <xsl:call-template name="ticket-nav"/>
    <form class="search" method="get" action="/staff/tickets/reports">
      <label for="r-weeks"><xsl:value-of select="p:t('staff-ticket-reports.weeks')"/></label>
      <input id="r-weeks" type="number" name="weeks" min="1" max="53" value="{@weeks}"/>
      <label for="r-department"><xsl:value-of select="p:t('staff-tickets.field.department')"/></label>
      <select id="r-department" name="department">
        <option value="0"><xsl:value-of select="p:t('staff-tickets.all')"/></option>
        <xsl:for-each select="departments/department">
          <option value="{@id}"><xsl:if test="@selected"><xsl:attribute name="selected">selected</xsl:attribute></xsl:if><xsl:value-of select="."/></option>
        </xsl:for-each>
      </select>
      <button type="submit"><xsl:value-of select="p:t('staff.find')"/></button>
    </form>
    <p class="meta"><xsl:value-of select="p:t('staff-ticket-reports.since', @since)"/></p>
    <p class="meta">
      <xsl:choose>
        <xsl:when test="computed"><xsl:value-of select="p:t('staff-ticket-reports.computed', computed)"/></xsl:when>
        <xsl:otherwise><xsl:value-of select="p:t('staff-ticket-reports.not-computed')"/></xsl:otherwise>
      </xsl:choose>
    </p>
    <xsl:choose>
      <xsl:when test="overall/week">
        <div class="report-charts">
          <xsl:call-template name="report-chart"><xsl:with-param name="measure" select="'first-median'"/><xsl:with-param name="unit" select="'hours'"/></xsl:call-template>
          <xsl:call-template name="report-chart"><xsl:with-param name="measure" select="'first-p90'"/><xsl:with-param name="unit" select="'hours'"/></xsl:call-template>
          <xsl:call-template name="report-chart"><xsl:with-param name="measure" select="'resolution-median'"/><xsl:with-param name="unit" select="'hours'"/></xsl:call-template>
          <xsl:call-template name="report-chart"><xsl:with-param name="measure" select="'resolution-p90'"/><xsl:with-param name="unit" select="'hours'"/></xsl:call-template>
          <xsl:call-template name="report-chart"><xsl:with-param name="measure" select="'breach-percent'"/><xsl:with-param name="unit" select="'percent'"/></xsl:call-template>
          <xsl:call-template name="report-chart"><xsl:with-param name="measure" select="'rating'"/><xsl:with-param name="unit" select="'stars'"/></xsl:call-template>
        </div>
        <section aria-labelledby="by-dept-h">
          <h2 id="by-dept-h"><xsl:value-of select="p:t('staff-ticket-reports.by-department')"/></h2>
          <table class="list report-table" tabindex="0">
            <thead><tr>
              <th scope="col"><xsl:value-of select="p:t('staff-ticket-reports.week')"/></th>
              <th scope="col"><xsl:value-of select="p:t('staff-tickets.field.department')"/></th>
              <th scope="col"><xsl:value-of select="p:t('staff-ticket-reports.tickets')"/></th>
              <th scope="col"><xsl:value-of select="p:t('staff-ticket-reports.m.first-median')"/></th>
              <th scope="col"><xsl:value-of select="p:t('staff-ticket-reports.m.first-p90')"/></th>
              <th scope="col"><xsl:value-of select="p:t('staff-ticket-reports.m.resolution-median')"/></th>
              <th scope="col"><xsl:value-of select="p:t('staff-ticket-reports.m.resolution-p90')"/></th>
              <th scope="col"><xsl:value-of select="p:t('staff-ticket-reports.m.breach-percent')"/></th>
              <th scope="col"><xsl:value-of select="p:t('staff-ticket-reports.m.rating')"/></th>
            </tr></thead>
            <tbody>
              <xsl:for-each select="by-department/week">
                <tr>
                  <th scope="row"><xsl:value-of select="@start"/></th>
                  <td><xsl:value-of select="/page/staff-ticket-reports/departments/department[@id = current()/@department]"/></td>
                  <td><xsl:value-of select="p:n(@tickets)"/></td>
                  <td><xsl:call-template name="report-value"><xsl:with-param name="v" select="@first-median"/><xsl:with-param name="unit" select="'hours'"/></xsl:call-template></td>
                  <td><xsl:call-template name="report-value"><xsl:with-param name="v" select="@first-p90"/><xsl:with-param name="unit" select="'hours'"/></xsl:call-template></td>
                  <td><xsl:call-template name="report-value"><xsl:with-param name="v" select="@resolution-median"/><xsl:with-param name="unit" select="'hours'"/></xsl:call-template></td>
                  <td><xsl:call-template name="report-value"><xsl:with-param name="v" select="@resolution-p90"/><xsl:with-param name="unit" select="'hours'"/></xsl:call-template></td>
                  <td><xsl:call-template name="report-value"><xsl:with-param name="v" select="@breach-percent"/><xsl:with-param name="unit" select="'percent'"/></xsl:call-template></td>
                  <td><xsl:call-template name="report-value"><xsl:with-param name="v" select="@rating"/><xsl:with-param name="unit" select="'stars'"/></xsl:call-template></td>
                </tr>
              </xsl:for-each>
            </tbody>
          </table>
        </section>
      </xsl:when>
      <xsl:otherwise>
        <xsl:call-template name="empty-state"><xsl:with-param name="text" select="p:t('staff-ticket-reports.none')"/></xsl:call-template>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- A measure's value for a reader: minutes as hours, a percent, a
       mean rating; a dash when there is none. -->
  <xsl:template name="report-value">
    <xsl:param name="v"/>
    <xsl:param name="unit"/>
    <xsl:choose>
      <xsl:when test="string($v) = ''">–</xsl:when>
      <xsl:when test="$unit = 'hours'"><xsl:value-of select="p:t('staff-ticket-reports.hours', p:n(format-number($v div 60, '0.0')))"/></xsl:when>
      <xsl:when test="$unit = 'percent'"><xsl:value-of select="p:t('staff-ticket-reports.percent', p:n($v))"/></xsl:when>
      <xsl:otherwise><xsl:value-of select="p:n($v)"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- One measure over the weeks: an SVG bar chart (decoration for
       sighted readers, aria-hidden) and the same numbers as a table. -->
  <xsl:template name="report-chart">
    <xsl:param name="measure"/>
    <xsl:param name="unit"/>
    <xsl:variable name="weeks" select="overall/week"/>
    <xsl:variable name="max">
      <xsl:for-each select="$weeks/@*[local-name() = $measure]">
        <xsl:sort select="." data-type="number" order="descending"/>
        <xsl:if test="position() = 1"><xsl:value-of select="."/></xsl:if>
      </xsl:for-each>
    </xsl:variable>
    <xsl:variable name="top">
      <xsl:choose>
        <xsl:when test="$unit = 'stars'">5</xsl:when>
        <xsl:when test="$unit = 'percent'">100</xsl:when>
        <xsl:when test="number($max) &gt; 0"><xsl:value-of select="$max"/></xsl:when>
        <xsl:otherwise>1</xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <xsl:variable name="n" select="count($weeks)"/>
    <xsl:variable name="bw" select="floor(300 div $n)"/>
    <figure class="report-chart" aria-labelledby="chart-{$measure}">
      <figcaption id="chart-{$measure}"><xsl:value-of select="p:t(concat('staff-ticket-reports.m.', $measure))"/></figcaption>
      <svg viewBox="0 0 320 140" width="320" height="140" aria-hidden="true" focusable="false" class="chart">
        <line x1="10" y1="120" x2="310" y2="120" stroke="currentColor" stroke-width="1"/>
        <xsl:for-each select="$weeks">
          <xsl:variable name="v" select="number(@*[local-name() = $measure])"/>
          <xsl:if test="$v = $v">
            <xsl:variable name="h" select="round(100 * $v div $top)"/>
            <rect class="bar" x="{10 + (position() - 1) * $bw + 2}" y="{120 - $h}" width="{$bw - 4}" height="{$h}" fill="currentColor"/>
          </xsl:if>
        </xsl:for-each>
      </svg>
      <table class="list report-table" tabindex="0">
        <thead><tr>
          <th scope="col"><xsl:value-of select="p:t('staff-ticket-reports.week')"/></th>
          <th scope="col"><xsl:value-of select="p:t(concat('staff-ticket-reports.m.', $measure))"/></th>
        </tr></thead>
        <tbody>
          <xsl:for-each select="$weeks">
            <tr>
              <th scope="row"><xsl:value-of select="@start"/></th>
              <td><xsl:call-template name="report-value"><xsl:with-param name="v" select="@*[local-name() = $measure]"/><xsl:with-param name="unit" select="$unit"/></xsl:call-template></td>
            </tr>
          </xsl:for-each>
        </tbody>
      </table>
    </figure>
  </xsl:template>
</xsl:stylesheet>
