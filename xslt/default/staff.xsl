<?xml version="1.0" encoding="UTF-8"?>
<!-- Staff pages: users, accounts, segments and the audit log. -->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:p="urn:portico"
    exclude-result-prefixes="p">

  <xsl:template match="staff-users | staff-accounts | staff-segments | staff-audit | staff-categories" mode="title">
    <xsl:value-of select="p:t(concat(local-name(), '.title'))"/>
  </xsl:template>

  <xsl:template name="staff-nav">
    <nav class="account-nav" aria-label="{p:t('staff.title')}">
      <ul>
        <li><a href="/staff"><xsl:value-of select="p:t('staff-home.title')"/></a></li>
        <li><a href="/staff/tickets"><xsl:value-of select="p:t('staff-tickets.title')"/></a></li>
        <li><a href="/staff/users"><xsl:value-of select="p:t('staff-users.title')"/></a></li>
        <li><a href="/staff/accounts"><xsl:value-of select="p:t('staff-accounts.title')"/></a></li>
        <li><a href="/staff/content"><xsl:value-of select="p:t('staff-content.title')"/></a></li>
        <li><a href="/staff/search"><xsl:value-of select="p:t('staff-search.title')"/></a></li>
        <li><a href="/staff/categories"><xsl:value-of select="p:t('staff-categories.title')"/></a></li>
        <li><a href="/staff/ideas"><xsl:value-of select="p:t('staff-ideas.title')"/></a></li>
        <xsl:if test="/page/user/@role = 'admin'">
          <li><a href="/staff/segments"><xsl:value-of select="p:t('staff-segments.title')"/></a></li>
          <li><a href="/staff/audit"><xsl:value-of select="p:t('staff-audit.title')"/></a></li>
        </xsl:if>
      </ul>
    </nav>
  </xsl:template>

  <xsl:template name="search">
    <xsl:param name="action"/>
    <form class="search" method="get" action="{$action}" role="search">
      <label for="staff-q"><xsl:value-of select="p:t('staff.search')"/></label>
      <input id="staff-q" type="search" name="q" value="{@q}"/>
      <button type="submit"><xsl:value-of select="p:t('staff.find')"/></button>
    </form>
  </xsl:template>

  <xsl:template match="staff-users">
    <h1><xsl:value-of select="p:t('staff-users.title')"/></h1>
    <xsl:call-template name="staff-nav"/>
    <xsl:call-template name="search"><xsl:with-param name="action">/staff/users</xsl:with-param></xsl:call-template>
    <table class="list" tabindex="0">
      <thead><tr>
        <th scope="col"><xsl:value-of select="p:t('members.name')"/></th>
        <th scope="col"><xsl:value-of select="p:t('field.email')"/></th>
        <th scope="col"><xsl:value-of select="p:t('account.number')"/></th>
        <th scope="col"><xsl:value-of select="p:t('field.portal_role')"/></th>
        <th scope="col"><xsl:value-of select="p:t('staff-segments.title')"/></th>
        <th scope="col"><xsl:value-of select="p:t('members.status')"/></th>
        <th scope="col"><span class="visually-hidden"><xsl:value-of select="p:t('members.actions')"/></span></th>
      </tr></thead>
      <tbody>
        <xsl:for-each select="user">
          <tr>
            <td><xsl:value-of select="name"/></td>
            <td dir="ltr"><xsl:value-of select="email"/></td>
            <td dir="ltr"><xsl:value-of select="@account"/></td>
            <td><xsl:value-of select="p:t(concat('portal-role.', @role))"/></td>
            <td><xsl:value-of select="segments"/></td>
            <td>
              <xsl:value-of select="p:t(concat('status.', @status))"/>
              <xsl:if test="@second-factor = 'locked'">
                <xsl:text>, </xsl:text>
                <xsl:value-of select="p:t('staff.2fa-locked')"/>
              </xsl:if>
            </td>
            <td class="row-actions"><xsl:apply-templates select="form"/></td>
          </tr>
        </xsl:for-each>
      </tbody>
    </table>
  </xsl:template>

  <xsl:template match="staff-accounts">
    <h1><xsl:value-of select="p:t('staff-accounts.title')"/></h1>
    <xsl:call-template name="staff-nav"/>
    <xsl:call-template name="search"><xsl:with-param name="action">/staff/accounts</xsl:with-param></xsl:call-template>
    <table class="list" tabindex="0">
      <thead><tr>
        <th scope="col"><xsl:value-of select="p:t('account.number')"/></th>
        <th scope="col"><xsl:value-of select="p:t('field.company')"/></th>
        <th scope="col"><xsl:value-of select="p:t('staff.users')"/></th>
        <th scope="col"><xsl:value-of select="p:t('staff-segments.title')"/></th>
        <th scope="col"><xsl:value-of select="p:t('members.status')"/></th>
        <th scope="col"><span class="visually-hidden"><xsl:value-of select="p:t('members.actions')"/></span></th>
      </tr></thead>
      <tbody>
        <xsl:for-each select="account">
          <tr>
            <td dir="ltr"><xsl:value-of select="@number"/></td>
            <td><xsl:value-of select="name"/></td>
            <td><xsl:value-of select="@users"/></td>
            <td><xsl:value-of select="segments"/></td>
            <td><xsl:value-of select="p:t(concat('status.', @status))"/></td>
            <td class="row-actions">
              <xsl:if test="@billing">
                <a href="{@billing}"><xsl:value-of select="p:t('staff-billing.link')"/></a>
              </xsl:if>
              <xsl:apply-templates select="form"/>
            </td>
          </tr>
        </xsl:for-each>
      </tbody>
    </table>
    <section class="panel narrow">
      <h2><xsl:value-of select="p:t('staff.new-account-title')"/></h2>
      <p><xsl:value-of select="p:t('staff.new-account-intro')"/></p>
      <xsl:apply-templates select="form[@id = 'account-new']"/>
    </section>
  </xsl:template>

  <xsl:template match="staff-segments">
    <h1><xsl:value-of select="p:t('staff-segments.title')"/></h1>
    <xsl:call-template name="staff-nav"/>
    <table class="list" tabindex="0">
      <thead><tr>
        <th scope="col"><xsl:value-of select="p:t('field.segment_name')"/></th>
        <th scope="col"><xsl:value-of select="p:t('field.kind')"/></th>
        <th scope="col"><xsl:value-of select="p:t('staff-accounts.title')"/></th>
        <th scope="col"><span class="visually-hidden"><xsl:value-of select="p:t('members.actions')"/></span></th>
      </tr></thead>
      <tbody>
        <xsl:for-each select="segment">
          <tr>
            <td><xsl:value-of select="name"/></td>
            <td><xsl:value-of select="p:t(concat('kind.', @kind))"/></td>
            <td><xsl:value-of select="@accounts"/></td>
            <td class="row-actions"><xsl:apply-templates select="form"/></td>
          </tr>
        </xsl:for-each>
      </tbody>
    </table>
    <section class="panel narrow">
      <h2><xsl:value-of select="p:t('staff.add-segment')"/></h2>
      <xsl:apply-templates select="form"/>
    </section>
  </xsl:template>

  <xsl:template match="staff-categories">
    <h1><xsl:value-of select="p:t('staff-categories.title')"/></h1>
    <xsl:call-template name="staff-nav"/>
    <p><xsl:value-of select="p:t('staff-categories.intro')"/></p>
    <xsl:for-each select="category">
      <section class="panel narrow">
        <h2 dir="ltr">
          <xsl:choose>
            <xsl:when test="@page = 'yes'"><a href="/kb/{@slug}"><xsl:value-of select="@slug"/></a></xsl:when>
            <xsl:otherwise><xsl:value-of select="@slug"/></xsl:otherwise>
          </xsl:choose>
        </h2>
        <xsl:apply-templates select="form"/>
      </section>
    </xsl:for-each>
  </xsl:template>

  <xsl:template match="staff-audit">
    <h1><xsl:value-of select="p:t('staff-audit.title')"/></h1>
    <xsl:call-template name="staff-nav"/>
    <form class="search" method="get" action="/staff/audit">
      <label for="a-event"><xsl:value-of select="p:t('activity.what')"/></label>
      <input id="a-event" name="event" value="{filter/@event}"/>
      <label for="a-email"><xsl:value-of select="p:t('field.email')"/></label>
      <input id="a-email" type="email" name="email" value="{filter/@email}"/>
      <label for="a-from"><xsl:value-of select="p:t('staff.from')"/></label>
      <input id="a-from" type="date" name="from" value="{filter/@from}"/>
      <label for="a-to"><xsl:value-of select="p:t('staff.to')"/></label>
      <input id="a-to" type="date" name="to" value="{filter/@to}"/>
      <button type="submit"><xsl:value-of select="p:t('staff.find')"/></button>
    </form>
    <table class="list" tabindex="0">
      <thead><tr>
        <th scope="col"><xsl:value-of select="p:t('activity.when')"/></th>
        <th scope="col"><xsl:value-of select="p:t('activity.what')"/></th>
        <th scope="col"><xsl:value-of select="p:t('staff.actor')"/></th>
        <th scope="col"><xsl:value-of select="p:t('staff.subject')"/></th>
        <th scope="col"><xsl:value-of select="p:t('sessions.addr')"/></th>
        <th scope="col"><xsl:value-of select="p:t('activity.detail')"/></th>
      </tr></thead>
      <tbody>
        <xsl:for-each select="entry">
          <tr>
            <td dir="ltr"><xsl:value-of select="@at"/></td>
            <td><xsl:value-of select="p:t(concat('event.', @event))"/></td>
            <td dir="ltr"><xsl:value-of select="@actor"/></td>
            <td dir="ltr"><xsl:value-of select="@user"/></td>
            <td dir="ltr"><xsl:value-of select="@addr"/></td>
            <td dir="ltr"><xsl:value-of select="detail"/></td>
          </tr>
        </xsl:for-each>
      </tbody>
    </table>
  </xsl:template>
</xsl:stylesheet>
