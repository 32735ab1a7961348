<?xml version="1.0" encoding="UTF-8"?>
<!--
  staff-billing: one account's billing for staff (page_staff_billing.c):
  the way into the customer's billing pages, balances and credit limit,
  what staff recorded by hand, and the forms to record more.  Amounts
  arrive formatted for the viewer's language (money_format in C).
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:p="urn:portico"
    exclude-result-prefixes="p">

  <xsl:template match="staff-billing" mode="title">
    <xsl:value-of select="concat(p:t('staff-billing.title'), ': ', name)"/>
  </xsl:template>

  <xsl:template match="staff-billing">
    <h1>
      <xsl:value-of select="p:t('staff-billing.title')"/>
      <xsl:text>: </xsl:text>
      <xsl:value-of select="name"/>
      <xsl:text> </xsl:text>
      <bdi dir="ltr"><xsl:value-of select="@account"/></bdi>
    </h1>
    <xsl:call-template name="staff-nav"/>
    <p><a href="{@view}"><xsl:value-of select="p:t('staff-billing.view')"/></a></p>
    <section class="panel">
      <dl class="details">
        <dt><xsl:value-of select="p:t('staff-billing.limit')"/></dt>
        <dd>
          <xsl:choose>
            <xsl:when test="credit-limit"><bdi><xsl:value-of select="credit-limit"/></bdi></xsl:when>
            <xsl:otherwise><xsl:value-of select="p:t('staff-billing.no-limit')"/></xsl:otherwise>
          </xsl:choose>
        </dd>
        <dt><xsl:value-of select="p:t('staff-billing.balance')"/></dt>
        <dd>
          <xsl:for-each select="balances/balance">
            <bdi><xsl:value-of select="."/></bdi>
            <xsl:if test="position() != last()"><br/></xsl:if>
          </xsl:for-each>
          <xsl:if test="not(balances/balance)">
            <xsl:value-of select="p:t('staff-billing.no-balance')"/>
          </xsl:if>
        </dd>
      </dl>
    </section>
    <xsl:if test="recorded/entry">
      <h2><xsl:value-of select="p:t('staff-billing.recorded')"/></h2>
      <table class="list" tabindex="0">
        <thead><tr>
          <th scope="col"><xsl:value-of select="p:t('staff-billing.field.date')"/></th>
          <th scope="col"><xsl:value-of select="p:t('staff-billing.entry')"/></th>
          <th scope="col"><xsl:value-of select="p:t('staff-billing.field.amount')"/></th>
          <th scope="col"><xsl:value-of select="p:t('staff-billing.note')"/></th>
          <th scope="col"><xsl:value-of select="p:t('staff-billing.by')"/></th>
        </tr></thead>
        <tbody>
          <xsl:for-each select="recorded/entry">
            <tr>
              <td dir="ltr"><xsl:value-of select="p:digits(@on)"/></td>
              <td><xsl:value-of select="p:t(concat('staff-billing.kind.', @what))"/></td>
              <td><bdi><xsl:value-of select="amount"/></bdi></td>
              <td><xsl:value-of select="note"/></td>
              <td><xsl:value-of select="by"/></td>
            </tr>
          </xsl:for-each>
        </tbody>
      </table>
    </xsl:if>
    <section class="panel narrow">
      <h2><xsl:value-of select="p:t('staff-billing.payment-title')"/></h2>
      <xsl:apply-templates select="form[@id = 'staff-billing-payment']"/>
    </section>
    <section class="panel narrow">
      <h2><xsl:value-of select="p:t('staff-billing.credit-title')"/></h2>
      <p><xsl:value-of select="p:t('staff-billing.credit-intro')"/></p>
      <xsl:apply-templates select="form[@id = 'staff-billing-credit']"/>
    </section>
    <xsl:if test="form[@id = 'staff-billing-limit']">
      <section class="panel narrow">
        <h2><xsl:value-of select="p:t('staff-billing.limit-title')"/></h2>
        <p><xsl:value-of select="p:t('staff-billing.limit-intro')"/></p>
        <xsl:apply-templates select="form[@id = 'staff-billing-limit']"/>
      </section>
    </xsl:if>
  </xsl:template>
</xsl:stylesheet>
