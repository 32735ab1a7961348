#!/usr/bin/env python3
"""Write the demo billing history (aurora.csv, baltic.jsonl) that
./quickstart run loads with portico-admin billing-import: a year,
December 2025 to November 2026, for the two demo accounts.  The amounts
are computed with the import's rules (quantity x price and tax per line,
rounded half away from zero), so payments match their invoices to the
cent.  Run it again only to change the demo; the files are committed."""
import csv, json, os
from decimal import Decimal, ROUND_HALF_UP

HERE = os.path.dirname(os.path.abspath(__file__))
C = Decimal("0.01")

def line_total(price, qty, rate):
    net = (Decimal(price) * Decimal(qty)).quantize(C, ROUND_HALF_UP)
    tax = (net * Decimal(rate) / 100).quantize(C, ROUND_HALF_UP)
    return net + tax

MONTHS = ["2025-12"] + ["2026-%02d" % m for m in range(1, 12)]
FIELDS = ["type", "ext_id", "account", "number", "date", "due", "status",
          "currency", "product", "plan", "label", "cycle", "price",
          "quantity", "tax_rate", "amount", "method", "reference", "kind",
          "title", "description", "line_no", "invoice_id", "order_id",
          "payment_id", "quote_id", "service_id"]

def aurora():
    A, rows = "NW-100001", []
    def r(**kw):
        rows.append(kw)
    r(type="service", ext_id="aur-svc-hosting", account=A, product="Web hosting",
      plan="Business", label="aurora.example", status="active", cycle="monthly",
      date="2025-12-01", due="2026-12-01", price="24.90", currency="EUR")
    r(type="service", ext_id="aur-svc-vps", account=A, product="Managed server",
      plan="VPS 8 GB", label="app1.aurora.example", status="active",
      cycle="monthly", date="2025-12-01", due="2026-12-01", price="89.00",
      currency="EUR")
    r(type="service", ext_id="aur-svc-domain", account=A, product="Domain name",
      plan=".fi", label="aurora.fi", status="active", cycle="annual",
      date="2026-03-01", due="2027-03-01", price="19.00", currency="EUR")
    r(type="service", ext_id="aur-svc-cdn", account=A, product="Content delivery",
      plan="CDN 1 TB", label="cdn.aurora.example", status="active",
      cycle="monthly", date="2026-03-01", due="2026-12-01", price="15.00",
      currency="USD")
    r(type="service", ext_id="aur-svc-backup", account=A, product="Backup",
      plan="100 GB", label="app1.aurora.example", status="cancelled",
      cycle="monthly", date="2025-12-01", price="6.00", currency="EUR")
    r(type="order", ext_id="aur-ord-1", account=A, number="ORD-2025-0311",
      date="2025-11-24 10:12", status="completed", currency="EUR")
    r(type="order-line", order_id="aur-ord-1", line_no="1",
      description="Managed server VPS 8 GB, first month", price="89.00",
      service_id="aur-svc-vps")
    r(type="order-line", order_id="aur-ord-1", line_no="2",
      description="Backup 100 GB, first month", price="6.00",
      service_id="aur-svc-backup")
    r(type="order", ext_id="aur-ord-2", account=A, number="ORD-2026-0087",
      date="2026-02-26 14:40", status="completed", currency="USD")
    r(type="order-line", order_id="aur-ord-2", line_no="1",
      description="Content delivery CDN 1 TB, first month", price="15.00",
      service_id="aur-svc-cdn")
    n = 0
    for i, ym in enumerate(MONTHS):
        n += 1
        inv = "aur-inv-%s" % ym
        num = "INV-%s-%04d" % (ym[:4], 100 + n)
        lines = [("Web hosting Business, aurora.example", "24.90", "1", "aur-svc-hosting"),
                 ("Managed server VPS 8 GB, app1.aurora.example", "89.00", "1", "aur-svc-vps")]
        if ym <= "2026-05":
            lines.append(("Backup 100 GB", "6.00", "1", "aur-svc-backup"))
        if ym == "2026-03":
            lines.append(("Domain name aurora.fi, 12 months", "19.00", "1", "aur-svc-domain"))
        if ym == "2026-08":
            lines.append(("Extra traffic, GB", "0.04", "312.5", None))
        total = sum(line_total(p, q, "25.5") for _, p, q, _ in lines)
        status = "paid"
        if ym == "2026-11":
            status = "overdue"
        r(type="invoice", ext_id=inv, account=A, number=num, date=ym + "-01",
          due=ym + "-15", status=status, currency="EUR")
        for k, (d, p, q, s) in enumerate(lines, 1):
            r(type="invoice-line", invoice_id=inv, line_no=str(k), description=d,
              price=p, quantity=q, tax_rate="25.5", service_id=s)
        if ym == "2026-11":
            continue
        paid = total if ym != "2026-10" else Decimal("100.00")
        pay = "aur-pay-%s" % ym
        r(type="payment", ext_id=pay, account=A, date=ym + "-%02d" % (9 + i % 5),
          method="bank transfer" if i % 3 else "card",
          reference="RF%02d %s" % (10 + i, num), amount=str(paid), currency="EUR")
        r(type="allocation", payment_id=pay, invoice_id=inv, amount=str(paid))
    for ym in MONTHS[3:]:
        n += 1
        inv = "aur-usd-%s" % ym
        num = "INV-%s-%04d" % (ym[:4], 100 + n)
        r(type="invoice", ext_id=inv, account=A, number=num, date=ym + "-05",
          due=ym + "-19", status="unpaid", currency="USD")
        r(type="invoice-line", invoice_id=inv, line_no="1",
          description="Content delivery CDN 1 TB (reverse charge)", price="15.00",
          tax_rate="0", service_id="aur-svc-cdn")
        if ym == "2026-11":
            continue
        pay = "aur-usdpay-%s" % ym
        r(type="payment", ext_id=pay, account=A, date=ym + "-07", method="card",
          reference="ch_%s" % ym.replace("-", ""), amount="15.00", currency="USD")
        r(type="allocation", payment_id=pay, invoice_id=inv, amount="15.00")
    r(type="credit", ext_id="aur-cn-1", account=A, date="2026-07-15",
      kind="credit-note", amount="20.00", currency="EUR",
      description="Service credit: managed server outage on 9 July",
      invoice_id="aur-inv-2026-07")
    r(type="quote", ext_id="aur-q-17", account=A, number="Q-2026-0017",
      title="Content delivery network", date="2026-02-10", due="2026-03-10",
      status="accepted", currency="USD")
    r(type="quote-line", quote_id="aur-q-17", line_no="1",
      description="CDN 1 TB, monthly", price="15.00", tax_rate="0")
    r(type="quote", ext_id="aur-q-42", account=A, number="Q-2026-0042",
      title="Managed Kubernetes cluster", date="2026-11-20", due="2027-01-31",
      status="sent", currency="EUR")
    for k, (d, p, q) in enumerate([("Cluster setup and migration", "490.00", "1"),
                                   ("Managed Kubernetes, 3 nodes, monthly", "249.00", "3"),
                                   ("Off-site backup 500 GB, monthly", "12.00", "3")], 1):
        r(type="quote-line", quote_id="aur-q-42", line_no=str(k), description=d,
          price=p, quantity=q, tax_rate="25.5")
    with open(os.path.join(HERE, "aurora.csv"), "w", newline="") as f:
        w = csv.DictWriter(f, FIELDS, lineterminator="\r\n")
        w.writeheader()
        for row in rows:
            w.writerow({k: v for k, v in row.items() if v is not None})

def baltic():
    A, out = "NW-100002", []
    def r(**kw):
        out.append({k: v for k, v in kw.items() if v is not None})
    r(type="service", ext_id="bal-svc-reseller", account=A, product="Reseller hosting",
      plan="Reseller 50", label="hosting.balticbytes.ee", status="active",
      cycle="monthly", date="2025-12-01", due="2026-12-01", price="149.00",
      currency="EUR")
    for k, d in enumerate(["balticbytes.ee", "bytes.lv", "baltic-bytes.lt"], 1):
        r(type="service", ext_id="bal-svc-dom%d" % k, account=A, product="Domain name",
          plan="." + d.rsplit(".", 1)[1], label=d, status="active", cycle="annual",
          date="2026-0%d-01" % k, due="2027-0%d-01" % k, price="14.00", currency="EUR")
    r(type="service", ext_id="bal-svc-ssl", account=A, product="TLS certificate",
      plan="Wildcard", label="*.balticbytes.ee", status="suspended", cycle="annual",
      date="2025-12-01", due="2026-12-01", price="79.00", currency="EUR")
    for i, ym in enumerate(MONTHS):
        inv = "bal-inv-%s" % ym
        num = "INV-%s-%04d" % (ym[:4], 500 + i)
        lines = [("Reseller hosting Reseller 50 (veebimajutus)", "149.00", "1", "bal-svc-reseller")]
        if ym in ("2026-01", "2026-02", "2026-03"):
            k = int(ym[5:])
            lines.append(("Domain name, 12 months", "14.00", "1", "bal-svc-dom%d" % k))
        total = sum(line_total(p, q, "24") for _, p, q, _ in lines)
        last = ym == "2026-11"
        r(type="invoice", ext_id=inv, account=A, number=num, date=ym + "-25" if last else ym + "-03",
          due="2026-12-09" if last else ym + "-17", status="unpaid" if last else "paid",
          currency="EUR")
        for k, (d, p, q, s) in enumerate(lines, 1):
            r(type="invoice-line", invoice_id=inv, line_no=k, description=d, price=p,
              quantity=q, tax_rate="24", service_id=s)
        if last:
            continue
        pay = "bal-pay-%s" % ym
        r(type="payment", ext_id=pay, account=A, date=ym + "-15", method="bank transfer",
          reference="EE%s" % ym.replace("-", ""), amount=str(total), currency="EUR")
        r(type="allocation", payment_id=pay, invoice_id=inv, amount=str(total))
    r(type="credit", ext_id="bal-cn-1", account=A, date="2026-05-20", kind="credit-note",
      amount="14.00", currency="EUR", description="Domain bytes.lv transferred away: unused months")
    r(type="credit", ext_id="bal-rf-1", account=A, date="2026-06-02", kind="refund",
      amount="-14.00", currency="EUR", description="Refunded to the bank account")
    r(type="quote", ext_id="bal-q-1", account=A, number="Q-2026-0051",
      title="Reseller 100 upgrade", date="2026-11-27", due="2026-12-27",
      status="sent", currency="EUR")
    r(type="quote-line", quote_id="bal-q-1", line_no=1,
      description="Reseller hosting Reseller 100, monthly", price="229.00",
      quantity="12", tax_rate="24")
    with open(os.path.join(HERE, "baltic.jsonl"), "w") as f:
        for row in out:
            f.write(json.dumps(row, ensure_ascii=False) + "\n")

aurora()
baltic()
