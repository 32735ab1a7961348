<?xml version="1.0" encoding="UTF-8"?>
<!-- The customer's own area: account, profile, company-edit, sessions,
     activity, members. -->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:p="urn:portico"
    exclude-result-prefixes="p">

  <xsl:template match="profile | company-edit | account | sessions | activity | members" mode="title">
    <xsl:value-of select="p:t(concat(local-name(), '.title'))"/>
  </xsl:template>

  <xsl:template match="account">
    <h1><xsl:value-of select="p:t('account.title')"/></h1>
    <p class="lead"><xsl:value-of select="p:t('account.hello', me/@name)"/></p>
    <xsl:if test="company">
      <section class="panel">
        <h2><xsl:value-of select="p:t('account.company')"/></h2>
        <dl class="details">
          <dt><xsl:value-of select="p:t('account.number')"/></dt>
          <dd class="account-number" dir="ltr"><xsl:value-of select="company/@number"/></dd>
          <dt><xsl:value-of select="p:t('field.company')"/></dt>
          <dd><xsl:value-of select="company/name"/></dd>
          <dt><xsl:value-of select="p:t('field.billing_address')"/></dt>
          <dd class="address"><xsl:value-of select="company/billing-address"/></dd>
          <dt><xsl:value-of select="p:t('field.tax_id')"/></dt>
          <dd><xsl:value-of select="company/tax-id"/></dd>
          <dt><xsl:value-of select="p:t('field.phone')"/></dt>
          <dd dir="ltr"><xsl:value-of select="company/phone"/></dd>
        </dl>
        <xsl:if test="company/@editable = 'yes'">
          <p><a href="/account/company"><xsl:value-of select="p:t('account.edit-company')"/></a></p>
        </xsl:if>
      </section>
      <section class="panel">
        <h2><xsl:value-of select="p:t('account.users')"/></h2>
        <table class="list">
          <thead><tr>
            <th scope="col"><xsl:value-of select="p:t('members.name')"/></th>
            <th scope="col"><xsl:value-of select="p:t('field.email')"/></th>
            <th scope="col"><xsl:value-of select="p:t('account.role')"/></th>
          </tr></thead>
          <tbody>
            <xsl:for-each select="members/member">
              <tr>
                <td><xsl:value-of select="name"/></td>
                <td dir="ltr"><xsl:value-of select="email"/></td>
                <td><xsl:value-of select="p:t(concat('role.', @role))"/></td>
              </tr>
            </xsl:for-each>
          </tbody>
        </table>
      </section>
    </xsl:if>
    <xsl:call-template name="account-nav"/>
  </xsl:template>

  <xsl:template name="account-nav">
    <nav class="account-nav" aria-label="{p:t('account.title')}">
      <ul>
        <li><a href="/account/profile"><xsl:value-of select="p:t('account.edit-profile')"/></a></li>
        <xsl:if test="/page/user/@account = 'yes'">
          <li><a href="/account/users"><xsl:value-of select="p:t('members.title')"/></a></li>
        </xsl:if>
        <li><a href="/account/sessions"><xsl:value-of select="p:t('sessions.title')"/></a></li>
        <li><a href="/account/2fa"><xsl:value-of select="p:t('two-factor.title')"/></a></li>
        <li><a href="/account/activity"><xsl:value-of select="p:t('activity.title')"/></a></li>
      </ul>
    </nav>
  </xsl:template>

  <xsl:template match="sessions">
    <h1><xsl:value-of select="p:t('sessions.title')"/></h1>
    <p><xsl:value-of select="p:t('sessions.intro')"/></p>
    <table class="list">
      <thead><tr>
        <th scope="col"><xsl:value-of select="p:t('sessions.browser')"/></th>
        <th scope="col"><xsl:value-of select="p:t('sessions.addr')"/></th>
        <th scope="col"><xsl:value-of select="p:t('sessions.started')"/></th>
        <th scope="col"><xsl:value-of select="p:t('sessions.last-seen')"/></th>
        <th scope="col"><span class="visually-hidden"><xsl:value-of select="p:t('sessions.end')"/></span></th>
      </tr></thead>
      <tbody>
        <xsl:for-each select="session">
          <tr>
            <td><xsl:value-of select="agent"/></td>
            <td dir="ltr"><xsl:value-of select="@addr"/></td>
            <td dir="ltr"><xsl:value-of select="@created"/></td>
            <td dir="ltr"><xsl:value-of select="@last-seen"/></td>
            <td>
              <xsl:choose>
                <xsl:when test="@current = 'yes'"><xsl:value-of select="p:t('sessions.current')"/></xsl:when>
                <xsl:otherwise><xsl:apply-templates select="form"/></xsl:otherwise>
              </xsl:choose>
            </td>
          </tr>
        </xsl:for-each>
      </tbody>
    </table>
    <xsl:apply-templates select="form"/>
  </xsl:template>

  <xsl:template match="activity">
    <h1><xsl:value-of select="p:t('activity.title')"/></h1>
    <table class="list">
      <thead><tr>
        <th scope="col"><xsl:value-of select="p:t('activity.when')"/></th>
        <th scope="col"><xsl:value-of select="p:t('activity.what')"/></th>
        <th scope="col"><xsl:value-of select="p:t('sessions.addr')"/></th>
        <th scope="col"><xsl:value-of select="p:t('activity.detail')"/></th>
      </tr></thead>
      <tbody>
        <xsl:for-each select="entry">
          <tr>
            <td dir="ltr"><xsl:value-of select="@at"/></td>
            <td><xsl:value-of select="p:t(concat('event.', @event))"/></td>
            <td dir="ltr"><xsl:value-of select="@addr"/></td>
            <td dir="ltr"><xsl:value-of select="detail"/></td>
          </tr>
        </xsl:for-each>
      </tbody>
    </table>
  </xsl:template>

  <xsl:template match="members">
    <h1><xsl:value-of select="p:t('members.title')"/></h1>
    <table class="list">
      <thead><tr>
        <th scope="col"><xsl:value-of select="p:t('members.name')"/></th>
        <th scope="col"><xsl:value-of select="p:t('field.email')"/></th>
        <th scope="col"><xsl:value-of select="p:t('account.role')"/></th>
        <th scope="col"><xsl:value-of select="p:t('members.status')"/></th>
        <th scope="col"><span class="visually-hidden"><xsl:value-of select="p:t('members.actions')"/></span></th>
      </tr></thead>
      <tbody>
        <xsl:for-each select="member">
          <tr>
            <td><xsl:value-of select="name"/></td>
            <td dir="ltr"><xsl:value-of select="email"/></td>
            <td><xsl:value-of select="p:t(concat('role.', @role))"/></td>
            <td><xsl:value-of select="p:t(concat('status.', @status))"/></td>
            <td class="row-actions"><xsl:apply-templates select="form"/></td>
          </tr>
        </xsl:for-each>
      </tbody>
    </table>
    <xsl:if test="form[@id = 'invite']">
      <section class="panel narrow">
        <h2><xsl:value-of select="p:t('invite.title')"/></h2>
        <xsl:apply-templates select="form[@id = 'invite']"/>
      </section>
    </xsl:if>
  </xsl:template>

  <xsl:template match="profile">
    <h1><xsl:value-of select="p:t('profile.title')"/></h1>
    <section class="panel narrow">
      <h2><xsl:value-of select="p:t('profile.details')"/></h2>
      <xsl:apply-templates select="form[@id = 'profile']"/>
    </section>
    <section class="panel narrow">
      <h2><xsl:value-of select="p:t('profile.password')"/></h2>
      <xsl:apply-templates select="form[@id = 'password']"/>
    </section>
    <section class="panel narrow">
      <h2><xsl:value-of select="p:t('profile.email')"/></h2>
      <p dir="ltr"><xsl:value-of select="/page/user/@email"/></p>
      <xsl:apply-templates select="form[@id = 'email']"/>
    </section>
  </xsl:template>

  <xsl:template match="company-edit">
    <section class="panel narrow">
      <h1><xsl:value-of select="p:t('company-edit.title')"/></h1>
      <xsl:apply-templates select="form"/>
    </section>
  </xsl:template>
</xsl:stylesheet>
