<?xml version="1.0" encoding="UTF-8"?>
<!--
  The customer's support tickets: tickets (the list), ticket-new (the
  form, with the articles to check first), ticket (one ticket: the
  thread, the due times, the reply, close and rating forms); and their
  parts on other pages: the dashboard's card (dashboard-tickets), the
  customer's tickets in the search page (mode="search") and the
  deflections in the staff search analytics (mode="staff").
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:p="urn:portico"
    xmlns:str="http://exslt.org/strings"
    exclude-result-prefixes="p str">

  <xsl:template match="tickets | ticket-new" mode="title">
    <xsl:value-of select="p:t(concat(local-name(), '.title'))"/>
  </xsl:template>
  <xsl:template match="ticket" mode="title">
    <xsl:value-of select="@ref"/><xsl:text> · </xsl:text><xsl:value-of select="subject"/>
  </xsl:template>

  <!-- A status as a pill: waiting on the customer stands out. -->
  <xsl:template name="ticket-status">
    <xsl:param name="status" select="@status"/>
    <xsl:call-template name="pill">
      <xsl:with-param name="tone">
        <xsl:choose>
          <xsl:when test="$status = 'waiting'">warning</xsl:when>
          <xsl:when test="$status = 'resolved' or $status = 'closed'">success</xsl:when>
          <xsl:otherwise>info</xsl:otherwise>
        </xsl:choose>
      </xsl:with-param>
      <xsl:with-param name="text" select="p:t(concat('tickets.status.', $status))"/>
    </xsl:call-template>
  </xsl:template>

  <!-- ==== the list ==== -->
  <xsl:template match="tickets">
    <h1><xsl:value-of select="p:t('tickets.title')"/></h1>
    <p><a class="button" href="/tickets/new"><xsl:value-of select="p:t('ticket-new.title')"/></a></p>
    <nav class="filters" aria-label="{p:t('tickets.filter')}">
      <ul class="card-links">
        <li>
          <a href="/tickets">
            <xsl:if test="not(@status)"><xsl:attribute name="aria-current">page</xsl:attribute></xsl:if>
            <xsl:value-of select="p:t('tickets.filter-all')"/>
            <xsl:text> (</xsl:text><xsl:value-of select="p:n(counts/@all)"/><xsl:text>)</xsl:text>
          </a>
        </li>
        <xsl:for-each select="counts/count">
          <li>
            <a href="/tickets?status={@status}">
              <xsl:if test="@status = ../../@status"><xsl:attribute name="aria-current">page</xsl:attribute></xsl:if>
              <xsl:value-of select="p:t(concat('tickets.status.', @status))"/>
              <xsl:text> (</xsl:text><xsl:value-of select="p:n(@n)"/><xsl:text>)</xsl:text>
            </a>
          </li>
        </xsl:for-each>
      </ul>
    </nav>
    <xsl:choose>
      <xsl:when test="ticket">
        <table class="list stack tickets">
          <thead><tr>
            <th scope="col"><xsl:value-of select="p:t('tickets.ref')"/></th>
            <th scope="col"><xsl:value-of select="p:t('tickets.field-subject')"/></th>
            <th scope="col"><xsl:value-of select="p:t('tickets.status')"/></th>
            <th scope="col"><xsl:value-of select="p:t('tickets.field-department')"/></th>
            <th scope="col"><xsl:value-of select="p:t('tickets.requester')"/></th>
            <th scope="col"><xsl:value-of select="p:t('tickets.updated')"/></th>
            <th scope="col"><xsl:value-of select="p:t('tickets.expected')"/></th>
          </tr></thead>
          <tbody>
            <xsl:for-each select="ticket">
              <tr>
                <td data-label="{p:t('tickets.ref')}"><a href="/tickets/{@ref}"><bdi dir="ltr"><xsl:value-of select="@ref"/></bdi></a></td>
                <td data-label="{p:t('tickets.field-subject')}" dir="auto"><a href="/tickets/{@ref}"><xsl:value-of select="subject"/></a></td>
                <td data-label="{p:t('tickets.status')}"><xsl:call-template name="ticket-status"/></td>
                <td data-label="{p:t('tickets.field-department')}"><xsl:value-of select="department-name"/></td>
                <td data-label="{p:t('tickets.requester')}" dir="auto"><xsl:value-of select="requester"/></td>
                <td data-label="{p:t('tickets.updated')}"><xsl:value-of select="@updated"/></td>
                <td data-label="{p:t('tickets.expected')}"><xsl:value-of select="@due"/></td>
              </tr>
            </xsl:for-each>
          </tbody>
        </table>
        <xsl:if test="@last &gt; 1">
          <nav class="pager" aria-label="{p:t('pager.label')}">
            <xsl:variable name="base">
              <xsl:text>/tickets?</xsl:text>
              <xsl:if test="@status">status=<xsl:value-of select="@status"/>&amp;</xsl:if>
            </xsl:variable>
            <xsl:if test="@page &gt; 1">
              <a rel="prev" href="{$base}page={@page - 1}"><xsl:value-of select="p:t('pager.prev')"/></a>
            </xsl:if>
            <span><xsl:value-of select="p:t('pager.of', p:n(@page), p:n(@last))"/></span>
            <xsl:if test="@page &lt; @last">
              <a rel="next" href="{$base}page={@page + 1}"><xsl:value-of select="p:t('pager.next')"/></a>
            </xsl:if>
          </nav>
        </xsl:if>
      </xsl:when>
      <xsl:otherwise>
        <xsl:call-template name="empty-state">
          <xsl:with-param name="icon" select="'lifebuoy'"/>
          <xsl:with-param name="text">
            <xsl:choose>
              <xsl:when test="@status"><xsl:value-of select="p:t('tickets.none-status')"/></xsl:when>
              <xsl:otherwise><xsl:value-of select="p:t('tickets.none')"/></xsl:otherwise>
            </xsl:choose>
          </xsl:with-param>
        </xsl:call-template>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- ==== the new-ticket form ==== -->
  <xsl:template match="ticket-new">
    <h1><xsl:value-of select="p:t('ticket-new.title')"/></h1>
    <p class="lead"><xsl:value-of select="p:t('ticket-new.intro')"/></p>
    <xsl:if test="check">
      <section class="card check-articles" aria-labelledby="check-heading" role="status">
        <h2 id="check-heading" class="card-title">
          <xsl:call-template name="icon"><xsl:with-param name="name" select="'book'"/></xsl:call-template>
          <xsl:value-of select="p:t('ticket-new.check')"/>
        </h2>
        <p><xsl:value-of select="p:t('ticket-new.check-text')"/></p>
        <ul class="card-links">
          <xsl:for-each select="check/hit">
            <li lang="{@lang}"><a href="{@href}"><xsl:value-of select="title"/></a></li>
          </xsl:for-each>
        </ul>
        <xsl:if test="@max-attachments">
          <p class="meta"><xsl:value-of select="p:t('ticket-new.check-attach')"/></p>
        </xsl:if>
      </section>
    </xsl:if>
    <xsl:apply-templates select="form"/>
  </xsl:template>

  <!-- The ticket forms carry files: multipart, and the limits said. -->
  <xsl:template match="form[@id = 'ticket-new' or @id = 'ticket-reply']">
    <form class="form" method="post" action="{@action}" id="form-{@id}" enctype="multipart/form-data">
      <xsl:if test="@error">
        <p class="form-error" role="alert"><xsl:value-of select="p:t(concat('form.error.', @error))"/></p>
      </xsl:if>
      <xsl:apply-templates select="hidden"/>
      <xsl:apply-templates select="field"/>
      <div class="actions">
        <button type="submit"><xsl:value-of select="p:t(@submit)"/></button>
      </div>
    </form>
  </xsl:template>

  <!-- The subject suggests articles as it is typed (suggest.js). -->
  <xsl:template match="form[@id = 'ticket-new']/field[@name = 'subject']">
    <xsl:variable name="id" select="'f-ticket-new-subject'"/>
    <div class="field field-suggest">
      <xsl:if test="@error"><xsl:attribute name="class">field field-suggest has-error</xsl:attribute></xsl:if>
      <label for="{$id}"><xsl:value-of select="p:t(@label)"/></label>
      <input id="{$id}" name="subject" type="text" value="{@value}" maxlength="300" required="required"
          autocomplete="off" data-suggest="/tickets/suggest" data-suggest-label="{p:t('ticket-new.suggest-label')}">
        <xsl:call-template name="field-aria"/>
      </input>
      <xsl:if test="@error">
        <p class="field-error" id="{$id}-error"><xsl:value-of select="p:t(concat('form.error.', @error))"/></p>
      </xsl:if>
    </div>
  </xsl:template>

  <xsl:template match="field[@name = 'attachment']">
    <xsl:variable name="id" select="concat('f-', ../@id, '-attachment')"/>
    <div class="field">
      <xsl:if test="@error"><xsl:attribute name="class">field has-error</xsl:attribute></xsl:if>
      <label for="{$id}"><xsl:value-of select="p:t(@label)"/></label>
      <input id="{$id}" name="attachment" type="file" multiple="multiple" aria-describedby="{$id}-hint">
        <xsl:if test="@error">
          <xsl:attribute name="aria-invalid">true</xsl:attribute>
          <xsl:attribute name="aria-describedby"><xsl:value-of select="concat($id, '-hint ', $id, '-error')"/></xsl:attribute>
        </xsl:if>
      </input>
      <p class="hint" id="{$id}-hint">
        <xsl:value-of select="p:tn('tickets.attach-hint', /page/*/@max-attachments, p:n(/page/*/@max-mb))"/>
      </p>
      <xsl:if test="@error">
        <p class="field-error" id="{$id}-error"><xsl:value-of select="p:t(concat('form.error.', @error))"/></p>
      </xsl:if>
    </div>
  </xsl:template>

  <!-- Options of the ticket forms' choices, the customer's and staff's
       (and the service-level policy and canned reply forms): in words. -->
  <xsl:template match="form[starts-with(@id, 'ticket-') or starts-with(@id, 'policy-') or starts-with(@id, 'canned-')]/field[@type = 'select']">
    <xsl:variable name="id" select="concat('f-', ../@id, '-', @name)"/>
    <div class="field">
      <xsl:if test="@error"><xsl:attribute name="class">field has-error</xsl:attribute></xsl:if>
      <label for="{$id}"><xsl:value-of select="p:t(@label)"/></label>
      <select id="{$id}" name="{@name}">
        <xsl:call-template name="field-aria"/>
        <xsl:for-each select="option">
          <option value="{@value}">
            <xsl:if test="@value = ../@value"><xsl:attribute name="selected">selected</xsl:attribute></xsl:if>
            <xsl:choose>
              <xsl:when test="../@name = 'priority'"><xsl:value-of select="p:t(concat('tickets.priority.', @value))"/></xsl:when>
              <xsl:when test="../@name = 'rating'"><xsl:value-of select="p:t(concat('tickets.rating.', @value))"/></xsl:when>
              <xsl:when test="../@name = 'status' and @value = ''"><xsl:value-of select="p:t('staff-tickets.status-rule')"/></xsl:when>
              <xsl:when test="../@name = 'service' and @value = ''"><xsl:value-of select="p:t('tickets.service-none')"/></xsl:when>
              <xsl:when test="../@name = 'status'"><xsl:value-of select="p:t(concat('staff-tickets.status.', @value))"/></xsl:when>
              <xsl:when test="../@name = 'kind'"><xsl:value-of select="p:t(concat('staff-tickets.kind.', @value))"/></xsl:when>
              <xsl:when test="../@name = 'may_choose'"><xsl:value-of select="p:t(concat('staff-policies.', @value))"/></xsl:when>
              <xsl:when test="../@name = 'escalate'"><xsl:value-of select="p:t(concat('staff-policies.escalate.', translate(@value, ',', '-')))"/></xsl:when>
              <xsl:when test="../@name = 'segment' and @value = '0'"><xsl:value-of select="p:t('staff-policies.everyone')"/></xsl:when>
              <xsl:when test="../@name = 'assignee' and @value = '0'"><xsl:value-of select="p:t('staff-tickets.nobody')"/></xsl:when>
              <xsl:when test="../@name = 'department' and @value = '0'"><xsl:value-of select="p:t('staff-canned.any-department')"/></xsl:when>
              <xsl:when test=". = ''"><xsl:value-of select="p:t('form.option-none')"/></xsl:when>
              <xsl:otherwise><xsl:value-of select="."/></xsl:otherwise>
            </xsl:choose>
          </option>
        </xsl:for-each>
      </select>
      <xsl:if test="@error">
        <p class="field-error" id="{$id}-error"><xsl:value-of select="p:t(concat('form.error.', @error))"/></p>
      </xsl:if>
    </div>
  </xsl:template>

  <!-- ==== one ticket ==== -->
  <xsl:template match="ticket">
    <p class="meta"><a href="/tickets"><xsl:value-of select="p:t('tickets.title')"/></a></p>
    <h1 dir="auto"><xsl:value-of select="subject"/></h1>
    <xsl:if test="/page/notice/@key = 'ticket-created' or /page/notice/@key = 'ticket-followup'">
      <xsl:apply-templates select="." mode="acknowledgement"/>
    </xsl:if>
    <dl class="details ticket-facts">
      <dt><xsl:value-of select="p:t('tickets.ref')"/></dt>
      <dd><bdi dir="ltr" class="ticket-ref"><xsl:value-of select="@ref"/></bdi></dd>
      <dt><xsl:value-of select="p:t('tickets.status')"/></dt>
      <dd><xsl:call-template name="ticket-status"/></dd>
      <dt><xsl:value-of select="p:t('tickets.field-department')"/></dt>
      <dd><xsl:value-of select="department-name"/></dd>
      <xsl:if test="service">
        <dt><xsl:value-of select="p:t('tickets.field-service')"/></dt>
        <dd><bdi><xsl:value-of select="service"/></bdi></dd>
      </xsl:if>
      <dt><xsl:value-of select="p:t('tickets.field-priority')"/></dt>
      <dd><xsl:value-of select="p:t(concat('tickets.priority.', @priority))"/></dd>
      <dt><xsl:value-of select="p:t('tickets.requester')"/></dt>
      <dd><bdi><xsl:value-of select="requester"/></bdi></dd>
      <dt><xsl:value-of select="p:t('tickets.created')"/></dt>
      <dd><xsl:value-of select="@created"/></dd>
      <xsl:apply-templates select="due"/>
    </dl>
    <xsl:if test="@parent">
      <p class="notice notice-info"><xsl:value-of select="p:t('tickets.parent')"/><xsl:text> </xsl:text><a href="/tickets/{@parent}"><bdi dir="ltr"><xsl:value-of select="@parent"/></bdi></a></p>
    </xsl:if>
    <xsl:if test="@merged-into">
      <p class="notice notice-info"><xsl:value-of select="p:t('tickets.merged')"/><xsl:text> </xsl:text><a href="/tickets/{@merged-into}"><bdi dir="ltr"><xsl:value-of select="@merged-into"/></bdi></a></p>
    </xsl:if>
    <xsl:if test="@merged">
      <p class="notice notice-info"><xsl:value-of select="p:t('tickets.merged-away')"/></p>
    </xsl:if>
    <section class="thread" aria-labelledby="thread-heading">
      <h2 id="thread-heading"><xsl:value-of select="p:t('tickets.thread')"/></h2>
      <ol class="messages">
        <xsl:for-each select="messages/message">
          <li class="message message-{@author-kind}" id="m{@id}">
            <p class="meta">
              <strong dir="auto">
                <xsl:choose>
                  <xsl:when test="@author-kind = 'staff'"><xsl:value-of select="p:t('tickets.author-staff', author)"/></xsl:when>
                  <xsl:when test="@author-kind = 'system'"><xsl:value-of select="p:t('tickets.author-system')"/></xsl:when>
                  <xsl:otherwise><xsl:value-of select="author"/></xsl:otherwise>
                </xsl:choose>
              </strong>
              <xsl:text> · </xsl:text>
              <xsl:value-of select="@at"/>
              <xsl:if test="@source = 'mail'"><xsl:text> · </xsl:text><xsl:value-of select="p:t('tickets.by-mail')"/></xsl:if>
            </p>
            <div class="message-body" dir="auto"><xsl:apply-templates select="body/node()" mode="md"/></div>
            <xsl:if test="attachment">
              <ul class="attachments" aria-label="{p:t('tickets.attachments')}">
                <xsl:for-each select="attachment">
                  <li>
                    <a href="/tickets/{../../../@ref}/files/{@id}/{str:encode-uri(., true())}"><xsl:value-of select="."/></a>
                    <span class="meta"><xsl:text> · </xsl:text><xsl:call-template name="size"><xsl:with-param name="n" select="@size"/></xsl:call-template></span>
                  </li>
                </xsl:for-each>
              </ul>
            </xsl:if>
          </li>
        </xsl:for-each>
      </ol>
    </section>
    <xsl:if test="@error">
      <p class="form-error" role="alert"><xsl:value-of select="p:t(concat('form.error.', @error))"/></p>
    </xsl:if>
    <xsl:if test="rating">
      <p class="notice notice-success"><xsl:value-of select="p:t('tickets.rated', p:n(rating/@value))"/></p>
    </xsl:if>
    <xsl:if test="form[@id = 'ticket-rate']">
      <section class="card" aria-labelledby="rate-heading">
        <h2 id="rate-heading" class="card-title"><xsl:value-of select="p:t('tickets.rate-title')"/></h2>
        <xsl:apply-templates select="form[@id = 'ticket-rate']"/>
      </section>
    </xsl:if>
    <xsl:if test="form[@id = 'ticket-reply']">
      <section aria-labelledby="reply-heading">
        <h2 id="reply-heading"><xsl:value-of select="p:t('tickets.reply-title')"/></h2>
        <xsl:if test="@reply-opens">
          <p class="meta"><xsl:value-of select="p:t(concat('tickets.reply-opens-', @reply-opens))"/></p>
        </xsl:if>
        <xsl:apply-templates select="form[@id = 'ticket-reply']"/>
      </section>
    </xsl:if>
    <xsl:apply-templates select="form[@id = 'ticket-close']"/>
  </xsl:template>

  <!-- The acknowledgement: the reference and when the answer comes. -->
  <xsl:template match="ticket" mode="acknowledgement">
    <section class="card card-attention ack" aria-labelledby="ack-heading" role="status">
      <h2 id="ack-heading" class="card-title">
        <xsl:call-template name="icon"><xsl:with-param name="name" select="'check'"/></xsl:call-template>
        <xsl:value-of select="p:t('tickets.ack-title')"/>
      </h2>
      <p><xsl:value-of select="p:t('tickets.ack', @ref)"/></p>
      <xsl:if test="due/@first-response">
        <p class="ack-due">
          <strong><xsl:value-of select="p:t('tickets.expect', due/@first-response)"/></strong>
          <xsl:if test="due/@first-response-minutes">
            <xsl:text> (</xsl:text>
            <xsl:apply-templates select="due" mode="within"/>
            <xsl:text>)</xsl:text>
          </xsl:if>
        </p>
      </xsl:if>
    </section>
  </xsl:template>

  <!-- "within N business hours" (or minutes, for a target under one) -->
  <xsl:template match="due" mode="within">
    <xsl:variable name="m" select="@first-response-minutes"/>
    <xsl:choose>
      <xsl:when test="$m mod 60 = 0"><xsl:value-of select="p:tn('tickets.within-hours', $m div 60)"/></xsl:when>
      <xsl:otherwise><xsl:value-of select="p:tn('tickets.within-minutes', $m)"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="due">
    <xsl:if test="@first-response">
      <dt><xsl:value-of select="p:t('tickets.first-response-due')"/></dt>
      <dd>
        <xsl:value-of select="@first-response"/>
        <xsl:if test="@first-response-minutes">
          <xsl:text> (</xsl:text><xsl:apply-templates select="." mode="within"/><xsl:text>)</xsl:text>
        </xsl:if>
      </dd>
    </xsl:if>
    <xsl:if test="@first-response-at">
      <dt><xsl:value-of select="p:t('tickets.first-response-at')"/></dt>
      <dd><xsl:value-of select="@first-response-at"/></dd>
    </xsl:if>
    <xsl:if test="@resolution">
      <dt><xsl:value-of select="p:t('tickets.resolution-due')"/></dt>
      <dd><xsl:value-of select="@resolution"/></dd>
    </xsl:if>
    <xsl:if test="@resolved">
      <dt><xsl:value-of select="p:t('tickets.resolved-at')"/></dt>
      <dd><xsl:value-of select="@resolved"/></dd>
    </xsl:if>
    <xsl:if test="@closed">
      <dt><xsl:value-of select="p:t('tickets.closed-at')"/></dt>
      <dd><xsl:value-of select="@closed"/></dd>
    </xsl:if>
    <xsl:if test="@paused">
      <dt><xsl:value-of select="p:t('tickets.clock')"/></dt>
      <dd><xsl:value-of select="p:t('tickets.paused')"/></dd>
    </xsl:if>
    <dt><xsl:value-of select="p:t('tickets.zone')"/></dt>
    <dd><bdi dir="ltr"><xsl:value-of select="@zone"/></bdi></dd>
  </xsl:template>

  <!-- ==== on other pages ==== -->

  <!-- The dashboard's card (account.xsl calls it). -->
  <xsl:template name="dashboard-tickets">
    <xsl:call-template name="card">
      <xsl:with-param name="id" select="'card-tickets'"/>
      <xsl:with-param name="icon" select="'chat'"/>
      <xsl:with-param name="title" select="p:t('tickets.title')"/>
      <xsl:with-param name="body">
        <p><xsl:value-of select="p:t('tickets.card-text')"/></p>
        <ul class="card-links">
          <li><a href="/tickets"><xsl:value-of select="p:t('tickets.mine')"/></a></li>
          <li><a href="/tickets/new"><xsl:value-of select="p:t('ticket-new.title')"/></a></li>
        </ul>
      </xsl:with-param>
    </xsl:call-template>
  </xsl:template>

  <!-- The search page: the customer's own tickets that match, and a
       way to ask when nothing answers. -->
  <xsl:template match="tickets" mode="search">
    <section class="card search-tickets" aria-labelledby="search-tickets-heading">
      <h2 id="search-tickets-heading" class="card-title"><xsl:value-of select="p:t('tickets.mine')"/></h2>
      <ul class="card-links">
        <xsl:for-each select="ticket">
          <li>
            <a href="/tickets/{@ref}"><bdi dir="ltr"><xsl:value-of select="@ref"/></bdi><xsl:text> · </xsl:text><span dir="auto"><xsl:value-of select="subject"/></span></a>
            <xsl:text> </xsl:text>
            <xsl:call-template name="ticket-status"/>
          </li>
        </xsl:for-each>
      </ul>
    </section>
  </xsl:template>
  <xsl:template match="search" mode="ask">
    <p class="search-ask">
      <a href="/tickets/new?subject={str:encode-uri(query, true())}"><xsl:value-of select="p:t('tickets.ask')"/></a>
    </p>
  </xsl:template>

  <!-- The staff search analytics: deflections of the period. -->
  <xsl:template match="deflections">
    <section aria-labelledby="deflections-heading">
      <h2 id="deflections-heading"><xsl:value-of select="p:t('tickets.deflections')"/></h2>
      <p><xsl:value-of select="p:t('tickets.deflections-text')"/></p>
      <table class="list" tabindex="0">
        <tbody>
          <tr><th scope="row"><xsl:value-of select="p:t('tickets.deflections-suggested')"/></th><td><xsl:value-of select="p:n(@suggested)"/></td></tr>
          <tr><th scope="row"><xsl:value-of select="p:t('tickets.deflections-opened')"/></th><td><xsl:value-of select="p:n(@opened)"/></td></tr>
          <tr><th scope="row"><xsl:value-of select="p:t('tickets.deflections-submitted')"/></th><td><xsl:value-of select="p:n(@submitted)"/></td></tr>
          <tr><th scope="row"><xsl:value-of select="p:t('tickets.deflections-deflected')"/></th><td><xsl:value-of select="p:n(@deflected)"/></td></tr>
        </tbody>
      </table>
      <xsl:if test="article">
        <h3><xsl:value-of select="p:t('tickets.deflections-articles')"/></h3>
        <table class="list" tabindex="0">
          <thead><tr>
            <th scope="col"><xsl:value-of select="p:t('field.title')"/></th>
            <th scope="col"><xsl:value-of select="p:t('tickets.deflections-opened')"/></th>
          </tr></thead>
          <tbody>
            <xsl:for-each select="article">
              <tr>
                <td dir="auto"><a href="/staff/content/{@id}"><xsl:value-of select="."/></a></td>
                <td><xsl:value-of select="p:n(@opened)"/></td>
              </tr>
            </xsl:for-each>
          </tbody>
        </table>
      </xsl:if>
    </section>
  </xsl:template>
</xsl:stylesheet>
