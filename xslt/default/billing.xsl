<?xml version="1.0" encoding="UTF-8"?>
<!-- The customer's billing: billing (overview), billing-invoices,
     billing-invoice (printable: portico.css hides all but the invoice on
     paper), billing-payments, billing-credits, billing-services,
     billing-service, billing-orders, billing-order, billing-quotes,
     billing-quote; and the dashboard's billing card.  Amounts come
     formatted for the viewer's language (money_format()); they are
     never formatted here.  Links come from the page (they carry
     ?account=ID when staff look). -->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:p="urn:portico"
    exclude-result-prefixes="p">

  <xsl:template match="billing | billing-invoices | billing-invoice | billing-payments | billing-credits | billing-services | billing-service | billing-orders | billing-order | billing-quotes | billing-quote" mode="title">
    <xsl:value-of select="p:t(concat(local-name(), '.title'))"/>
    <xsl:if test="invoice/@number | quote/@number | order/@number">
      <xsl:text> </xsl:text>
      <xsl:value-of select="invoice/@number | quote/@number | order/@number"/>
    </xsl:if>
  </xsl:template>

  <!-- Whose billing, and the billing pages' navigation -->
  <xsl:template match="billing-account">
    <xsl:if test="@staff-view = 'yes'">
      <p class="notice notice-info" role="status">
        <xsl:value-of select="p:t('billing.staff-view', name, @number)"/>
      </p>
    </xsl:if>
    <nav class="billing-nav" aria-label="{p:t('billing.nav')}">
      <ul>
        <li><a href="{@base}"><xsl:value-of select="p:t('billing.title')"/></a></li>
        <xsl:if test="@money = 'yes'">
          <li><a href="{concat('/billing/invoices', substring-after(@base, '/billing'))}"><xsl:value-of select="p:t('billing-invoices.title')"/></a></li>
          <li><a href="{concat('/billing/payments', substring-after(@base, '/billing'))}"><xsl:value-of select="p:t('billing-payments.title')"/></a></li>
          <li><a href="{concat('/billing/credits', substring-after(@base, '/billing'))}"><xsl:value-of select="p:t('billing-credits.title')"/></a></li>
          <li><a href="{concat('/billing/orders', substring-after(@base, '/billing'))}"><xsl:value-of select="p:t('billing-orders.title')"/></a></li>
          <li><a href="{concat('/billing/quotes', substring-after(@base, '/billing'))}"><xsl:value-of select="p:t('billing-quotes.title')"/></a></li>
        </xsl:if>
        <li><a href="{concat('/billing/services', substring-after(@base, '/billing'))}"><xsl:value-of select="p:t('billing-services.title')"/></a></li>
      </ul>
    </nav>
  </xsl:template>

  <!-- An amount, already formatted; numbers keep their own direction -->
  <xsl:template match="*" mode="amount">
    <bdi class="amount"><xsl:value-of select="."/></bdi>
  </xsl:template>

  <!-- A day or a time, in the language's digits (i18n_digits()) -->
  <xsl:template name="billing-date">
    <xsl:param name="d"/>
    <bdi dir="ltr"><xsl:value-of select="p:digits($d)"/></bdi>
  </xsl:template>

  <xsl:template name="billing-status">
    <xsl:param name="s"/>
    <xsl:call-template name="pill">
      <xsl:with-param name="tone">
        <xsl:choose>
          <xsl:when test="$s = 'overdue' or $s = 'suspended' or $s = 'fraud'">danger</xsl:when>
          <xsl:when test="$s = 'unpaid' or $s = 'partially-paid' or $s = 'pending' or $s = 'sent'">warning</xsl:when>
          <xsl:when test="$s = 'paid' or $s = 'active' or $s = 'accepted' or $s = 'completed'">success</xsl:when>
          <xsl:otherwise>info</xsl:otherwise>
        </xsl:choose>
      </xsl:with-param>
      <xsl:with-param name="text" select="p:t(concat('billing.status.', $s))"/>
    </xsl:call-template>
  </xsl:template>

  <xsl:template name="billing-paging">
    <xsl:for-each select="paging[@prev or @next]">
      <nav class="pager" aria-label="{p:t('billing.pages')}">
        <xsl:if test="@prev"><a rel="prev" href="{@prev}"><xsl:value-of select="p:t('billing.newer')"/></a></xsl:if>
        <xsl:text> </xsl:text>
        <xsl:if test="@next"><a rel="next" href="{@next}"><xsl:value-of select="p:t('billing.older')"/></a></xsl:if>
      </nav>
    </xsl:for-each>
  </xsl:template>

  <xsl:template name="billing-empty">
    <xsl:param name="key"/>
    <xsl:call-template name="empty-state">
      <xsl:with-param name="text" select="p:t($key)"/>
      <xsl:with-param name="icon" select="'card'"/>
    </xsl:call-template>
  </xsl:template>

  <!-- ==== The overview ==== -->
  <xsl:template match="billing">
    <h1><xsl:value-of select="p:t('billing.title')"/></h1>
    <xsl:apply-templates select="billing-account"/>
    <div class="card-grid">
      <xsl:for-each select="balances/balance">
        <xsl:call-template name="card">
          <xsl:with-param name="id" select="concat('card-balance-', @currency)"/>
          <xsl:with-param name="icon" select="'card'"/>
          <xsl:with-param name="class"><xsl:if test="overdue/@minor != '0'">card-attention</xsl:if></xsl:with-param>
          <xsl:with-param name="title" select="p:t('billing.balance-in', @currency)"/>
          <xsl:with-param name="body">
            <dl class="details">
              <dt><xsl:value-of select="p:t('billing.due')"/></dt>
              <dd class="due"><xsl:apply-templates select="due" mode="amount"/></dd>
              <dt><xsl:value-of select="p:t('billing.overdue')"/></dt>
              <dd class="overdue"><xsl:apply-templates select="overdue" mode="amount"/></dd>
              <dt><xsl:value-of select="p:t('billing.credit-balance')"/></dt>
              <dd class="credit"><xsl:apply-templates select="credit" mode="amount"/></dd>
            </dl>
          </xsl:with-param>
        </xsl:call-template>
      </xsl:for-each>
      <xsl:for-each select="credit-limit">
        <xsl:call-template name="card">
          <xsl:with-param name="id" select="'card-credit-limit'"/>
          <xsl:with-param name="icon" select="'shield'"/>
          <xsl:with-param name="title" select="p:t('billing.credit-limit')"/>
          <xsl:with-param name="body">
            <dl class="details">
              <dt><xsl:value-of select="p:t('billing.credit-limit')"/></dt>
              <dd class="limit"><xsl:apply-templates select="limit" mode="amount"/></dd>
              <dt><xsl:value-of select="p:t('billing.credit-available')"/></dt>
              <dd class="available"><xsl:apply-templates select="available" mode="amount"/></dd>
            </dl>
          </xsl:with-param>
        </xsl:call-template>
      </xsl:for-each>
      <xsl:if test="next-due or next-invoice or open-quotes">
        <xsl:call-template name="card">
          <xsl:with-param name="id" select="'card-next'"/>
          <xsl:with-param name="icon" select="'bell'"/>
          <xsl:with-param name="title" select="p:t('billing.next')"/>
          <xsl:with-param name="body">
            <ul class="card-links">
              <xsl:for-each select="next-due">
                <li class="next-due">
                  <a href="{@url}"><xsl:value-of select="p:t('billing.next-due', @number)"/></a>
                  <xsl:text> </xsl:text>
                  <xsl:apply-templates select="balance" mode="amount"/>
                  <xsl:text> · </xsl:text>
                  <xsl:call-template name="billing-date"><xsl:with-param name="d" select="@due"/></xsl:call-template>
                  <xsl:text> </xsl:text>
                  <xsl:call-template name="billing-status"><xsl:with-param name="s" select="@status"/></xsl:call-template>
                </li>
              </xsl:for-each>
              <xsl:for-each select="next-invoice">
                <li class="next-invoice">
                  <xsl:value-of select="p:t('billing.next-invoice')"/>
                  <xsl:text> </xsl:text>
                  <xsl:call-template name="billing-date"><xsl:with-param name="d" select="@date"/></xsl:call-template>
                  <xsl:for-each select="amount">
                    <xsl:text> · </xsl:text>
                    <xsl:apply-templates select="." mode="amount"/>
                  </xsl:for-each>
                </li>
              </xsl:for-each>
              <xsl:for-each select="open-quotes">
                <li class="open-quotes"><a href="{@url}"><xsl:value-of select="p:tn('billing.open-quotes', @count)"/></a></li>
              </xsl:for-each>
            </ul>
          </xsl:with-param>
        </xsl:call-template>
      </xsl:if>
    </div>
    <h2><xsl:value-of select="p:t('billing-services.title')"/></h2>
    <xsl:apply-templates select="services"/>
  </xsl:template>

  <!-- ==== Services ==== -->
  <xsl:template match="services">
    <xsl:choose>
      <xsl:when test="service">
        <table class="list billing-services" tabindex="0">
          <thead><tr>
            <th scope="col"><xsl:value-of select="p:t('billing.service')"/></th>
            <th scope="col"><xsl:value-of select="p:t('billing.status')"/></th>
            <th scope="col"><xsl:value-of select="p:t('billing.next-due-on')"/></th>
            <th scope="col"><xsl:value-of select="p:t('billing.price')"/></th>
          </tr></thead>
          <tbody>
            <xsl:for-each select="service">
              <tr>
                <td><a href="{@url}"><xsl:value-of select="product"/></a>
                  <xsl:if test="string(label)"><br/><span class="meta"><bdi><xsl:value-of select="label"/></bdi></span></xsl:if></td>
                <td><xsl:call-template name="billing-status"><xsl:with-param name="s" select="@status"/></xsl:call-template></td>
                <td><xsl:call-template name="billing-date"><xsl:with-param name="d" select="@next-due"/></xsl:call-template></td>
                <td class="num"><xsl:apply-templates select="price" mode="amount"/>
                  <xsl:text> </xsl:text><span class="meta"><xsl:value-of select="p:t(concat('billing.cycle.', @cycle))"/></span></td>
              </tr>
            </xsl:for-each>
          </tbody>
        </table>
      </xsl:when>
      <xsl:otherwise>
        <xsl:call-template name="billing-empty"><xsl:with-param name="key" select="'billing.no-services'"/></xsl:call-template>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="billing-services">
    <h1><xsl:value-of select="p:t('billing-services.title')"/></h1>
    <xsl:apply-templates select="billing-account"/>
    <xsl:apply-templates select="services"/>
    <xsl:call-template name="billing-paging"/>
  </xsl:template>

  <xsl:template match="billing-service">
    <xsl:for-each select="service">
      <h1><xsl:value-of select="product"/></h1>
      <xsl:apply-templates select="../billing-account"/>
      <dl class="details">
        <dt><xsl:value-of select="p:t('billing.plan')"/></dt><dd><xsl:value-of select="plan"/></dd>
        <dt><xsl:value-of select="p:t('billing.label')"/></dt><dd><bdi><xsl:value-of select="label"/></bdi></dd>
        <dt><xsl:value-of select="p:t('billing.status')"/></dt><dd><xsl:call-template name="billing-status"><xsl:with-param name="s" select="@status"/></xsl:call-template></dd>
        <dt><xsl:value-of select="p:t('billing.started')"/></dt><dd><xsl:call-template name="billing-date"><xsl:with-param name="d" select="@started"/></xsl:call-template></dd>
        <dt><xsl:value-of select="p:t('billing.next-due-on')"/></dt><dd><xsl:call-template name="billing-date"><xsl:with-param name="d" select="@next-due"/></xsl:call-template></dd>
        <dt><xsl:value-of select="p:t('billing.price')"/></dt><dd><xsl:apply-templates select="price" mode="amount"/><xsl:text> </xsl:text><xsl:value-of select="p:t(concat('billing.cycle.', @cycle))"/></dd>
      </dl>
    </xsl:for-each>
    <xsl:for-each select="invoices">
      <h2><xsl:value-of select="p:t('billing-invoices.title')"/></h2>
      <ul>
        <xsl:for-each select="invoice">
          <li><a href="{@url}"><bdi dir="ltr"><xsl:value-of select="@number"/></bdi></a>
            <xsl:text> · </xsl:text>
            <xsl:call-template name="billing-date"><xsl:with-param name="d" select="@issued"/></xsl:call-template>
            <xsl:text> · </xsl:text>
            <xsl:apply-templates select="net" mode="amount"/>
            <xsl:text> </xsl:text>
            <xsl:call-template name="billing-status"><xsl:with-param name="s" select="@status"/></xsl:call-template></li>
        </xsl:for-each>
      </ul>
    </xsl:for-each>
  </xsl:template>

  <!-- ==== Invoices ==== -->
  <xsl:template match="billing-invoices">
    <h1><xsl:value-of select="p:t('billing-invoices.title')"/></h1>
    <xsl:apply-templates select="billing-account"/>
    <form class="form filters" method="get" action="/billing/invoices" role="search">
      <xsl:if test="billing-account/@staff-view = 'yes'">
        <input type="hidden" name="account" value="{billing-account/@id}"/>
      </xsl:if>
      <div class="field">
        <label for="f-status"><xsl:value-of select="p:t('billing.status')"/></label>
        <select id="f-status" name="status">
          <option value=""><xsl:value-of select="p:t('billing.any-status')"/></option>
          <xsl:for-each select="filters/status">
            <option value="{.}">
              <xsl:if test="@selected = 'yes'"><xsl:attribute name="selected">selected</xsl:attribute></xsl:if>
              <xsl:value-of select="p:t(concat('billing.status.', .))"/>
            </option>
          </xsl:for-each>
        </select>
      </div>
      <div class="field">
        <label for="f-from"><xsl:value-of select="p:t('billing.from')"/></label>
        <input id="f-from" name="from" type="date" value="{filters/@from}"/>
      </div>
      <div class="field">
        <label for="f-to"><xsl:value-of select="p:t('billing.to')"/></label>
        <input id="f-to" name="to" type="date" value="{filters/@to}"/>
      </div>
      <div class="actions"><button type="submit"><xsl:value-of select="p:t('billing.filter')"/></button></div>
    </form>
    <p><a class="export" href="{invoices/@export}" download=""><xsl:value-of select="p:t('billing.export-invoices')"/></a></p>
    <xsl:choose>
      <xsl:when test="invoices/invoice">
        <table class="list billing-invoices" tabindex="0">
          <thead><tr>
            <th scope="col"><xsl:value-of select="p:t('billing.number')"/></th>
            <th scope="col"><xsl:value-of select="p:t('billing.issued')"/></th>
            <th scope="col"><xsl:value-of select="p:t('billing.due-on')"/></th>
            <th scope="col"><xsl:value-of select="p:t('billing.status')"/></th>
            <th scope="col"><xsl:value-of select="p:t('billing.total')"/></th>
            <th scope="col"><xsl:value-of select="p:t('billing.balance')"/></th>
          </tr></thead>
          <tbody>
            <xsl:for-each select="invoices/invoice">
              <tr class="invoice-{@status}">
                <td><a href="{@url}"><bdi dir="ltr"><xsl:value-of select="@number"/></bdi></a></td>
                <td><xsl:call-template name="billing-date"><xsl:with-param name="d" select="@issued"/></xsl:call-template></td>
                <td><xsl:call-template name="billing-date"><xsl:with-param name="d" select="@due"/></xsl:call-template></td>
                <td><xsl:call-template name="billing-status"><xsl:with-param name="s" select="@status"/></xsl:call-template></td>
                <td class="num"><xsl:apply-templates select="total" mode="amount"/></td>
                <td class="num"><xsl:apply-templates select="balance" mode="amount"/></td>
              </tr>
            </xsl:for-each>
          </tbody>
        </table>
      </xsl:when>
      <xsl:otherwise>
        <xsl:call-template name="billing-empty"><xsl:with-param name="key" select="'billing.no-invoices'"/></xsl:call-template>
      </xsl:otherwise>
    </xsl:choose>
    <xsl:call-template name="billing-paging"/>
  </xsl:template>

  <!-- One invoice: on screen with its actions, on paper the invoice only -->
  <xsl:template match="billing-invoice">
    <xsl:apply-templates select="billing-account"/>
    <xsl:for-each select="invoice">
      <article class="invoice-sheet">
        <header class="invoice-head">
          <div class="provider">
            <p class="provider-name"><xsl:value-of select="provider/name"/></p>
            <p class="meta"><xsl:value-of select="provider/address"/></p>
          </div>
          <h1><xsl:value-of select="p:t('billing.invoice')"/><xsl:text> </xsl:text><bdi dir="ltr"><xsl:value-of select="@number"/></bdi></h1>
        </header>
        <p class="invoice-actions no-print">
          <a class="button" href="{@pdf}"><xsl:value-of select="p:t('billing.pdf')"/></a>
          <xsl:if test="@pay">
            <xsl:text> </xsl:text>
            <a class="button button-primary" href="{@pay}" rel="noopener"><xsl:value-of select="p:t('billing.pay')"/></a>
          </xsl:if>
        </p>
        <dl class="details">
          <dt><xsl:value-of select="p:t('billing.issued')"/></dt>
          <dd><xsl:call-template name="billing-date"><xsl:with-param name="d" select="@issued"/></xsl:call-template></dd>
          <dt><xsl:value-of select="p:t('billing.due-on')"/></dt>
          <dd><xsl:call-template name="billing-date"><xsl:with-param name="d" select="@due"/></xsl:call-template></dd>
          <dt><xsl:value-of select="p:t('billing.status')"/></dt>
          <dd><xsl:call-template name="billing-status"><xsl:with-param name="s" select="@status"/></xsl:call-template></dd>
          <dt><xsl:value-of select="p:t('billing.bill-to')"/></dt>
          <dd class="address"><xsl:value-of select="bill-to/name"/><br/><xsl:value-of select="bill-to/address"/>
            <xsl:if test="string(bill-to/tax-id)"><br/><xsl:value-of select="bill-to/tax-id"/></xsl:if></dd>
        </dl>
        <table class="list invoice-lines" tabindex="0">
          <thead><tr>
            <th scope="col"><xsl:value-of select="p:t('billing.description')"/></th>
            <th scope="col"><xsl:value-of select="p:t('billing.quantity')"/></th>
            <th scope="col"><xsl:value-of select="p:t('billing.unit-price')"/></th>
            <th scope="col"><xsl:value-of select="p:t('billing.tax-rate')"/></th>
            <th scope="col"><xsl:value-of select="p:t('billing.net')"/></th>
          </tr></thead>
          <tbody>
            <xsl:for-each select="lines/line">
              <tr>
                <td><bdi><xsl:value-of select="description"/></bdi></td>
                <td class="num"><bdi dir="ltr"><xsl:value-of select="p:digits(@quantity)"/></bdi></td>
                <td class="num"><xsl:apply-templates select="unit" mode="amount"/></td>
                <td class="num"><bdi dir="ltr"><xsl:value-of select="p:digits(@tax-rate)"/> %</bdi></td>
                <td class="num"><xsl:apply-templates select="net" mode="amount"/></td>
              </tr>
            </xsl:for-each>
          </tbody>
        </table>
        <dl class="details totals">
          <dt><xsl:value-of select="p:t('billing.subtotal')"/></dt><dd class="num"><xsl:apply-templates select="subtotal" mode="amount"/></dd>
          <dt><xsl:value-of select="p:t('billing.tax')"/></dt><dd class="num"><xsl:apply-templates select="tax" mode="amount"/></dd>
          <dt><xsl:value-of select="p:t('billing.total')"/></dt><dd class="num total"><xsl:apply-templates select="total" mode="amount"/></dd>
          <dt><xsl:value-of select="p:t('billing.paid')"/></dt><dd class="num"><xsl:apply-templates select="paid" mode="amount"/></dd>
          <dt><xsl:value-of select="p:t('billing.balance')"/></dt><dd class="num balance"><xsl:apply-templates select="balance" mode="amount"/></dd>
        </dl>
        <xsl:if test="payments/payment">
          <h2><xsl:value-of select="p:t('billing-payments.title')"/></h2>
          <ul class="invoice-payments">
            <xsl:for-each select="payments/payment">
              <li><xsl:call-template name="billing-date"><xsl:with-param name="d" select="@date"/></xsl:call-template>
                <xsl:text> · </xsl:text><xsl:value-of select="method"/>
                <xsl:text> · </xsl:text><xsl:apply-templates select="amount" mode="amount"/></li>
            </xsl:for-each>
          </ul>
        </xsl:if>
      </article>
    </xsl:for-each>
  </xsl:template>

  <!-- ==== Payments ==== -->
  <xsl:template match="billing-payments">
    <h1><xsl:value-of select="p:t('billing-payments.title')"/></h1>
    <xsl:apply-templates select="billing-account"/>
    <p><a class="export" href="{payments/@export}" download=""><xsl:value-of select="p:t('billing.export-payments')"/></a></p>
    <xsl:choose>
      <xsl:when test="payments/payment">
        <table class="list billing-payments" tabindex="0">
          <thead><tr>
            <th scope="col"><xsl:value-of select="p:t('billing.date')"/></th>
            <th scope="col"><xsl:value-of select="p:t('billing.method')"/></th>
            <th scope="col"><xsl:value-of select="p:t('billing.reference')"/></th>
            <th scope="col"><xsl:value-of select="p:t('billing-invoices.title')"/></th>
            <th scope="col"><xsl:value-of select="p:t('billing.amount')"/></th>
          </tr></thead>
          <tbody>
            <xsl:for-each select="payments/payment">
              <tr>
                <td><xsl:call-template name="billing-date"><xsl:with-param name="d" select="@date"/></xsl:call-template></td>
                <td><xsl:value-of select="method"/></td>
                <td><bdi><xsl:value-of select="reference"/></bdi></td>
                <td><xsl:for-each select="invoice"><a href="{@url}"><bdi dir="ltr"><xsl:value-of select="@number"/></bdi></a><xsl:text> </xsl:text></xsl:for-each></td>
                <td class="num"><xsl:apply-templates select="amount" mode="amount"/></td>
              </tr>
            </xsl:for-each>
          </tbody>
        </table>
      </xsl:when>
      <xsl:otherwise>
        <xsl:call-template name="billing-empty"><xsl:with-param name="key" select="'billing.no-payments'"/></xsl:call-template>
      </xsl:otherwise>
    </xsl:choose>
    <xsl:call-template name="billing-paging"/>
  </xsl:template>

  <!-- ==== Credits: the ledger, each row with the balance after it ==== -->
  <xsl:template match="billing-credits">
    <h1><xsl:value-of select="p:t('billing-credits.title')"/></h1>
    <xsl:apply-templates select="billing-account"/>
    <xsl:if test="balances/credit">
      <dl class="details">
        <xsl:for-each select="balances/credit">
          <dt><xsl:value-of select="p:t('billing.balance-in', @currency)"/></dt>
          <dd class="credit"><xsl:apply-templates select="." mode="amount"/></dd>
        </xsl:for-each>
      </dl>
    </xsl:if>
    <xsl:choose>
      <xsl:when test="ledger/entry">
        <table class="list billing-ledger" tabindex="0">
          <thead><tr>
            <th scope="col"><xsl:value-of select="p:t('billing.date')"/></th>
            <th scope="col"><xsl:value-of select="p:t('billing.kind')"/></th>
            <th scope="col"><xsl:value-of select="p:t('billing.description')"/></th>
            <th scope="col"><xsl:value-of select="p:t('billing.amount')"/></th>
            <th scope="col"><xsl:value-of select="p:t('billing.running-balance')"/></th>
          </tr></thead>
          <tbody>
            <xsl:for-each select="ledger/entry">
              <tr>
                <td><xsl:call-template name="billing-date"><xsl:with-param name="d" select="@date"/></xsl:call-template></td>
                <td><xsl:value-of select="p:t(concat('billing.kind.', @kind))"/></td>
                <td><bdi><xsl:value-of select="description"/></bdi>
                  <xsl:if test="@invoice"><xsl:text> </xsl:text><a href="{@invoice-url}"><bdi dir="ltr"><xsl:value-of select="@invoice"/></bdi></a></xsl:if></td>
                <td class="num"><xsl:apply-templates select="amount" mode="amount"/></td>
                <td class="num"><xsl:apply-templates select="balance" mode="amount"/></td>
              </tr>
            </xsl:for-each>
          </tbody>
        </table>
      </xsl:when>
      <xsl:otherwise>
        <xsl:call-template name="billing-empty"><xsl:with-param name="key" select="'billing.no-credits'"/></xsl:call-template>
      </xsl:otherwise>
    </xsl:choose>
    <xsl:call-template name="billing-paging"/>
  </xsl:template>

  <!-- ==== Orders ==== -->
  <xsl:template match="billing-orders">
    <h1><xsl:value-of select="p:t('billing-orders.title')"/></h1>
    <xsl:apply-templates select="billing-account"/>
    <xsl:choose>
      <xsl:when test="orders/order">
        <table class="list billing-orders" tabindex="0">
          <thead><tr>
            <th scope="col"><xsl:value-of select="p:t('billing.number')"/></th>
            <th scope="col"><xsl:value-of select="p:t('billing.date')"/></th>
            <th scope="col"><xsl:value-of select="p:t('billing.status')"/></th>
            <th scope="col"><xsl:value-of select="p:t('billing.total')"/></th>
          </tr></thead>
          <tbody>
            <xsl:for-each select="orders/order">
              <tr>
                <td><a href="{@url}"><bdi dir="ltr"><xsl:value-of select="@number"/></bdi></a></td>
                <td><xsl:call-template name="billing-date"><xsl:with-param name="d" select="@placed"/></xsl:call-template></td>
                <td><xsl:call-template name="billing-status"><xsl:with-param name="s" select="@status"/></xsl:call-template></td>
                <td class="num"><xsl:apply-templates select="total" mode="amount"/></td>
              </tr>
            </xsl:for-each>
          </tbody>
        </table>
      </xsl:when>
      <xsl:otherwise>
        <xsl:call-template name="billing-empty"><xsl:with-param name="key" select="'billing.no-orders'"/></xsl:call-template>
      </xsl:otherwise>
    </xsl:choose>
    <xsl:call-template name="billing-paging"/>
  </xsl:template>

  <xsl:template match="billing-order">
    <xsl:for-each select="order">
      <h1><xsl:value-of select="p:t('billing.order')"/><xsl:text> </xsl:text><bdi dir="ltr"><xsl:value-of select="@number"/></bdi></h1>
      <xsl:apply-templates select="../billing-account"/>
      <dl class="details">
        <dt><xsl:value-of select="p:t('billing.date')"/></dt><dd><xsl:call-template name="billing-date"><xsl:with-param name="d" select="@placed"/></xsl:call-template></dd>
        <dt><xsl:value-of select="p:t('billing.status')"/></dt><dd><xsl:call-template name="billing-status"><xsl:with-param name="s" select="@status"/></xsl:call-template></dd>
        <dt><xsl:value-of select="p:t('billing.total')"/></dt><dd><xsl:apply-templates select="total" mode="amount"/></dd>
      </dl>
      <table class="list order-lines" tabindex="0">
        <thead><tr>
          <th scope="col"><xsl:value-of select="p:t('billing.description')"/></th>
          <th scope="col"><xsl:value-of select="p:t('billing.quantity')"/></th>
          <th scope="col"><xsl:value-of select="p:t('billing.unit-price')"/></th>
          <th scope="col"><xsl:value-of select="p:t('billing.amount')"/></th>
        </tr></thead>
        <tbody>
          <xsl:for-each select="lines/line">
            <tr>
              <td><bdi><xsl:value-of select="description"/></bdi>
                <xsl:if test="@service-url"><br/><a href="{@service-url}"><bdi><xsl:value-of select="service"/></bdi></a></xsl:if></td>
              <td class="num"><bdi dir="ltr"><xsl:value-of select="p:digits(@quantity)"/></bdi></td>
              <td class="num"><xsl:apply-templates select="unit" mode="amount"/></td>
              <td class="num"><xsl:apply-templates select="amount" mode="amount"/></td>
            </tr>
          </xsl:for-each>
        </tbody>
      </table>
    </xsl:for-each>
  </xsl:template>

  <!-- ==== Quotes ==== -->
  <xsl:template match="billing-quotes">
    <h1><xsl:value-of select="p:t('billing-quotes.title')"/></h1>
    <xsl:apply-templates select="billing-account"/>
    <xsl:choose>
      <xsl:when test="quotes/quote">
        <table class="list billing-quotes" tabindex="0">
          <thead><tr>
            <th scope="col"><xsl:value-of select="p:t('billing.number')"/></th>
            <th scope="col"><xsl:value-of select="p:t('billing.quote-title')"/></th>
            <th scope="col"><xsl:value-of select="p:t('billing.valid-until')"/></th>
            <th scope="col"><xsl:value-of select="p:t('billing.status')"/></th>
            <th scope="col"><xsl:value-of select="p:t('billing.total')"/></th>
          </tr></thead>
          <tbody>
            <xsl:for-each select="quotes/quote">
              <tr>
                <td><a href="{@url}"><bdi dir="ltr"><xsl:value-of select="@number"/></bdi></a></td>
                <td><bdi><xsl:value-of select="title"/></bdi></td>
                <td><xsl:call-template name="billing-date"><xsl:with-param name="d" select="@valid-until"/></xsl:call-template></td>
                <td><xsl:call-template name="billing-status"><xsl:with-param name="s" select="@status"/></xsl:call-template></td>
                <td class="num"><xsl:apply-templates select="total" mode="amount"/></td>
              </tr>
            </xsl:for-each>
          </tbody>
        </table>
      </xsl:when>
      <xsl:otherwise>
        <xsl:call-template name="billing-empty"><xsl:with-param name="key" select="'billing.no-quotes'"/></xsl:call-template>
      </xsl:otherwise>
    </xsl:choose>
    <xsl:call-template name="billing-paging"/>
  </xsl:template>

  <xsl:template match="billing-quote">
    <xsl:for-each select="quote">
      <h1><xsl:value-of select="p:t('billing.quote')"/><xsl:text> </xsl:text><bdi dir="ltr"><xsl:value-of select="@number"/></bdi></h1>
      <xsl:apply-templates select="../billing-account"/>
      <p class="lead"><bdi><xsl:value-of select="title"/></bdi></p>
      <dl class="details">
        <dt><xsl:value-of select="p:t('billing.issued')"/></dt><dd><xsl:call-template name="billing-date"><xsl:with-param name="d" select="@issued"/></xsl:call-template></dd>
        <dt><xsl:value-of select="p:t('billing.valid-until')"/></dt><dd><xsl:call-template name="billing-date"><xsl:with-param name="d" select="@valid-until"/></xsl:call-template></dd>
        <dt><xsl:value-of select="p:t('billing.status')"/></dt><dd><xsl:call-template name="billing-status"><xsl:with-param name="s" select="@status"/></xsl:call-template></dd>
        <dt><xsl:value-of select="p:t('billing.version')"/></dt><dd class="version"><xsl:value-of select="@version"/></dd>
      </dl>
      <table class="list quote-lines" tabindex="0">
        <thead><tr>
          <th scope="col"><xsl:value-of select="p:t('billing.description')"/></th>
          <th scope="col"><xsl:value-of select="p:t('billing.quantity')"/></th>
          <th scope="col"><xsl:value-of select="p:t('billing.unit-price')"/></th>
          <th scope="col"><xsl:value-of select="p:t('billing.tax-rate')"/></th>
          <th scope="col"><xsl:value-of select="p:t('billing.net')"/></th>
        </tr></thead>
        <tbody>
          <xsl:for-each select="lines/line">
            <tr>
              <td><bdi><xsl:value-of select="description"/></bdi></td>
              <td class="num"><bdi dir="ltr"><xsl:value-of select="p:digits(@quantity)"/></bdi></td>
              <td class="num"><xsl:apply-templates select="unit" mode="amount"/></td>
              <td class="num"><bdi dir="ltr"><xsl:value-of select="p:digits(@tax-rate)"/> %</bdi></td>
              <td class="num"><xsl:apply-templates select="net" mode="amount"/></td>
            </tr>
          </xsl:for-each>
        </tbody>
      </table>
      <dl class="details totals">
        <dt><xsl:value-of select="p:t('billing.subtotal')"/></dt><dd class="num"><xsl:apply-templates select="subtotal" mode="amount"/></dd>
        <dt><xsl:value-of select="p:t('billing.tax')"/></dt><dd class="num"><xsl:apply-templates select="tax" mode="amount"/></dd>
        <dt><xsl:value-of select="p:t('billing.total')"/></dt><dd class="num total"><xsl:apply-templates select="total" mode="amount"/></dd>
      </dl>
      <xsl:for-each select="decision[../@status = 'accepted' or ../@status = 'declined']">
        <p class="decision">
          <xsl:value-of select="p:t(concat('billing.decided.', ../@status), @by, @at, @version)"/>
        </p>
        <xsl:if test="comment"><blockquote class="decision-comment"><bdi><xsl:value-of select="comment"/></bdi></blockquote></xsl:if>
      </xsl:for-each>
      <xsl:if test="form">
        <div class="quote-decide">
          <p><xsl:value-of select="p:t('billing.quote-decide', @version)"/></p>
          <xsl:apply-templates select="form"/>
        </div>
      </xsl:if>
    </xsl:for-each>
  </xsl:template>

  <!-- The dashboard's billing card (page_account.c: billing_card()) -->
  <xsl:template match="billing-card" mode="dashboard">
    <xsl:call-template name="card">
      <xsl:with-param name="id" select="'card-billing'"/>
      <xsl:with-param name="icon" select="'card'"/>
      <xsl:with-param name="class" select="substring('card-attention', 1,
          20 * boolean(due[@overdue = 'yes']))"/>
      <xsl:with-param name="title" select="p:t('billing.title')"/>
      <xsl:with-param name="of" select="."/>
    </xsl:call-template>
  </xsl:template>
  <xsl:template match="billing-card" mode="card-body">
    <ul class="card-links">
      <xsl:for-each select="due[@minor != '0']">
        <li class="due"><xsl:value-of select="p:t('billing.due')"/><xsl:text> </xsl:text><xsl:apply-templates select="." mode="amount"/>
          <xsl:if test="@overdue = 'yes'"><xsl:text> </xsl:text>
            <xsl:call-template name="billing-status"><xsl:with-param name="s" select="'overdue'"/></xsl:call-template></xsl:if></li>
      </xsl:for-each>
      <xsl:if test="not(due[@minor != '0'])">
        <li><xsl:value-of select="p:t('billing.nothing-due')"/></li>
      </xsl:if>
      <li class="open-quotes"><a href="/billing/quotes"><xsl:value-of select="p:tn('billing.open-quotes', @open-quotes)"/></a></li>
      <li><a href="/billing/invoices"><xsl:value-of select="p:t('billing-invoices.title')"/></a></li>
      <li><a href="/billing"><xsl:value-of select="p:t('billing.overview')"/></a></li>
    </ul>
  </xsl:template>
</xsl:stylesheet>
