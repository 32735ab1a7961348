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

  <!--
    The dashboard: cards, what needs attention first, then the company,
    its people, security and help.  The cards of later features
    (tickets, billing) go in "dashboard-more", between the attention card
    and the company's: a theme or a later version fills it.
  -->
  <xsl:template match="account">
    <h1><xsl:value-of select="p:t('account.title')"/></h1>
    <p class="lead"><xsl:value-of select="p:t('account.hello', me/@name)"/></p>
    <div class="card-grid dashboard">
      <xsl:apply-templates select="." mode="attention"/>
      <xsl:call-template name="dashboard-tickets"/>
      <xsl:apply-templates select="billing-card" mode="dashboard"/>
      <xsl:call-template name="dashboard-more"/>
      <xsl:apply-templates select="company" mode="dashboard"/>
      <xsl:apply-templates select="members[member]" mode="dashboard"/>
      <xsl:call-template name="card">
        <xsl:with-param name="id" select="'card-security'"/>
        <xsl:with-param name="icon" select="'shield'"/>
        <xsl:with-param name="title" select="p:t('account.security')"/>
        <xsl:with-param name="of" select="."/>
      </xsl:call-template>
      <xsl:call-template name="card">
        <xsl:with-param name="id" select="'card-help'"/>
        <xsl:with-param name="icon" select="'lifebuoy'"/>
        <xsl:with-param name="title" select="p:t('home.help')"/>
        <xsl:with-param name="of" select="."/>
      </xsl:call-template>
    </div>
  </xsl:template>

  <!-- Later features' cards (tickets, billing) -->
  <xsl:template name="dashboard-more"/>

  <xsl:template match="account" mode="attention">
    <xsl:call-template name="card">
      <xsl:with-param name="id" select="'card-attention'"/>
      <xsl:with-param name="icon" select="'bell'"/>
      <xsl:with-param name="class" select="substring('card-attention', 1,
          20 * (company[@status != 'active'] or me[@second-factor = 'off'] or
          members/member[@status = 'unverified']))"/>
      <xsl:with-param name="title" select="p:t('account.attention')"/>
      <xsl:with-param name="of" select="."/>
    </xsl:call-template>
  </xsl:template>

  <!-- The bodies of the account's own cards (card's "of") -->
  <xsl:template match="account" mode="card-body">
    <xsl:param name="card"/>
    <xsl:choose>
      <xsl:when test="$card = 'card-attention'">
        <xsl:call-template name="attention-body"/>
      </xsl:when>
      <xsl:when test="$card = 'card-security'">
        <ul class="card-links">
          <li><a href="/account/profile"><xsl:value-of select="p:t('account.edit-profile')"/></a></li>
          <li><a href="/account/2fa"><xsl:value-of select="p:t('two-factor.title')"/></a></li>
          <li><a href="/account/sessions"><xsl:value-of select="p:t('sessions.title')"/></a></li>
          <li><a href="/account/activity"><xsl:value-of select="p:t('activity.title')"/></a></li>
        </ul>
      </xsl:when>
      <xsl:when test="$card = 'card-help'">
        <ul class="card-links">
          <li><a href="/kb"><xsl:value-of select="p:t('home.help-kb')"/></a></li>
          <li><a href="/faq"><xsl:value-of select="p:t('home.help-faq')"/></a></li>
          <li><a href="/tickets/new"><xsl:value-of select="p:t('home.help-ticket')"/></a></li>
          <li><a href="/p/contact"><xsl:value-of select="p:t('home.help-contact')"/></a></li>
        </ul>
      </xsl:when>
    </xsl:choose>
  </xsl:template>

  <!-- What needs the customer's attention: an account that is not
       active, two-factor sign-in off (with the way to turn it on),
       invitations not yet accepted; or a word that all is well. -->
  <xsl:template name="attention-body">
    <xsl:variable name="suspended" select="company[@status != 'active']"/>
    <xsl:variable name="no-2fa" select="me[@second-factor = 'off']"/>
    <xsl:variable name="waiting" select="members/member[@status = 'unverified']"/>
    <xsl:choose>
      <xsl:when test="$suspended or $no-2fa or $waiting">
        <ul class="card-links">
          <xsl:if test="$suspended">
            <li>
              <xsl:call-template name="pill">
                <xsl:with-param name="tone" select="'danger'"/>
                <xsl:with-param name="text" select="p:t(concat('status.', $suspended/@status))"/>
              </xsl:call-template>
              <xsl:text> </xsl:text>
              <xsl:value-of select="p:t('account.attention-status')"/>
            </li>
          </xsl:if>
          <xsl:if test="$no-2fa">
            <li id="attention-2fa">
              <xsl:call-template name="pill">
                <xsl:with-param name="tone" select="'warning'"/>
                <xsl:with-param name="text" select="p:t('account.security')"/>
              </xsl:call-template>
              <xsl:text> </xsl:text>
              <xsl:value-of select="p:t('account.attention-2fa')"/>
              <xsl:text> </xsl:text>
              <a href="/account/2fa"><xsl:value-of select="p:t('account.attention-2fa-link')"/></a>
            </li>
          </xsl:if>
          <xsl:for-each select="$waiting">
            <li>
              <xsl:call-template name="pill">
                <xsl:with-param name="tone" select="'warning'"/>
                <xsl:with-param name="text" select="p:t('status.unverified')"/>
              </xsl:call-template>
              <xsl:text> </xsl:text>
              <a href="/account/users"><xsl:value-of select="name"/></a>
            </li>
          </xsl:for-each>
        </ul>
      </xsl:when>
      <xsl:otherwise>
        <p class="all-clear">
          <xsl:call-template name="icon"><xsl:with-param name="name" select="'check'"/></xsl:call-template>
          <xsl:value-of select="p:t('account.attention-none')"/>
        </p>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="company" mode="dashboard">
    <xsl:call-template name="card">
      <xsl:with-param name="id" select="'card-company'"/>
      <xsl:with-param name="icon" select="'building'"/>
      <xsl:with-param name="title" select="p:t('account.company')"/>
      <xsl:with-param name="of" select="."/>
    </xsl:call-template>
  </xsl:template>
  <xsl:template match="company" mode="card-body">
    <dl class="details">
      <dt><xsl:value-of select="p:t('account.number')"/></dt>
      <dd class="account-number"><bdi dir="ltr"><xsl:value-of select="@number"/></bdi></dd>
      <dt><xsl:value-of select="p:t('field.company')"/></dt>
      <dd><xsl:value-of select="name"/></dd>
      <dt><xsl:value-of select="p:t('field.billing_address')"/></dt>
      <dd class="address"><xsl:value-of select="billing-address"/></dd>
      <dt><xsl:value-of select="p:t('field.tax_id')"/></dt>
      <dd><xsl:value-of select="tax-id"/></dd>
      <dt><xsl:value-of select="p:t('field.phone')"/></dt>
      <dd><bdi dir="ltr"><xsl:value-of select="phone"/></bdi></dd>
    </dl>
    <xsl:if test="@editable = 'yes'">
      <p><a href="/account/company"><xsl:value-of select="p:t('account.edit-company')"/></a></p>
    </xsl:if>
  </xsl:template>

  <xsl:template match="members" mode="dashboard">
    <xsl:call-template name="card">
      <xsl:with-param name="id" select="'card-people'"/>
      <xsl:with-param name="icon" select="'users'"/>
      <xsl:with-param name="title" select="p:t('account.users')"/>
      <xsl:with-param name="of" select="."/>
    </xsl:call-template>
  </xsl:template>
  <xsl:template match="members" mode="card-body">
    <ul class="people">
      <xsl:for-each select="member">
        <li>
          <span class="person-name"><xsl:value-of select="name"/></span>
          <xsl:text> </xsl:text>
          <span class="person-email" dir="ltr"><xsl:value-of select="email"/></span>
          <xsl:text> </xsl:text>
          <xsl:call-template name="pill">
            <xsl:with-param name="text" select="p:t(concat('role.', @role))"/>
          </xsl:call-template>
        </li>
      </xsl:for-each>
    </ul>
    <p><a href="/account/users"><xsl:value-of select="p:t('members.title')"/></a></p>
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
    <table class="list stack">
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
            <td data-label="{p:t('sessions.browser')}"><xsl:value-of select="agent"/></td>
            <td data-label="{p:t('sessions.addr')}"><bdi dir="ltr"><xsl:value-of select="@addr"/></bdi></td>
            <td data-label="{p:t('sessions.started')}"><bdi dir="ltr"><xsl:value-of select="@created"/></bdi></td>
            <td data-label="{p:t('sessions.last-seen')}"><bdi dir="ltr"><xsl:value-of select="@last-seen"/></bdi></td>
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
    <table class="list stack">
      <thead><tr>
        <th scope="col"><xsl:value-of select="p:t('activity.when')"/></th>
        <th scope="col"><xsl:value-of select="p:t('activity.what')"/></th>
        <th scope="col"><xsl:value-of select="p:t('sessions.addr')"/></th>
        <th scope="col"><xsl:value-of select="p:t('activity.detail')"/></th>
      </tr></thead>
      <tbody>
        <xsl:for-each select="entry">
          <tr>
            <td data-label="{p:t('activity.when')}"><bdi dir="ltr"><xsl:value-of select="@at"/></bdi></td>
            <td data-label="{p:t('activity.what')}"><xsl:value-of select="p:t(concat('event.', @event))"/></td>
            <td data-label="{p:t('sessions.addr')}"><bdi dir="ltr"><xsl:value-of select="@addr"/></bdi></td>
            <td data-label="{p:t('activity.detail')}"><bdi dir="ltr"><xsl:value-of select="detail"/></bdi></td>
          </tr>
        </xsl:for-each>
      </tbody>
    </table>
  </xsl:template>

  <xsl:template match="members">
    <h1><xsl:value-of select="p:t('members.title')"/></h1>
    <table class="list stack">
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
            <td data-label="{p:t('members.name')}"><xsl:value-of select="name"/></td>
            <td data-label="{p:t('field.email')}"><bdi dir="ltr"><xsl:value-of select="email"/></bdi></td>
            <td data-label="{p:t('account.role')}"><xsl:value-of select="p:t(concat('role.', @role))"/></td>
            <td data-label="{p:t('members.status')}">
              <xsl:call-template name="pill">
                <xsl:with-param name="tone">
                  <xsl:choose>
                    <xsl:when test="@status = 'active'">success</xsl:when>
                    <xsl:when test="@status = 'suspended'">danger</xsl:when>
                    <xsl:otherwise>warning</xsl:otherwise>
                  </xsl:choose>
                </xsl:with-param>
                <xsl:with-param name="text" select="p:t(concat('status.', @status))"/>
              </xsl:call-template>
            </td>
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
