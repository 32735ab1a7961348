#!/usr/bin/env python3
"""corpus.py DEMO-DIR OUT-DIR N: the bench's generated content, as files
for LOAD DATA (corpus.sh loads them).

Every language (en, fi, et, el, zh, fa) has a vocabulary of more than
20,000 words with Zipf frequencies (the word of rank r is drawn with
weight 1/r): first the ten commonest words of the demo articles in that
language (its function words), then the hosting words below, then the
rest of the demo articles' words, then words of Debian's dictionaries
(wamerican, freedict fin-eng headwords, myspell-et, hunspell-el,
myspell-fa, python3-jieba's dict.txt in its own frequency order).  So a
word near the top matches about half the corpus and one near the bottom
a handful of documents, and a search is measured at both ends.

Written to OUT-DIR:
  cats.tsv      categories: 10 top-level, 100 below them, news
  items.tsv     N articles (English), N/5 translations spread over the
                five other languages, N/50 FAQ entries, N/20 news items
                (notices with severities, updates, blog posts), N/100
                downloads; 5% signed-in only, 1% limited to a segment,
                2% drafts, 1% archived; published over five years
  segments.tsv  item id, segment name (the demo's segments)
  files.tsv     one file row per download (the file is not on disk)
  tags.tsv      item id, tag
  queries.tsv   lang, class (broad, common, pair, rare), query, URL-encoded
                query, the number of documents it is expected to match
Deterministic: the same N and the same dictionaries give the same files.
"""
import hashlib
import os
import random
import re
import sys
import urllib.parse

LANGS = ("en", "fi", "et", "el", "zh", "fa")
TRANSLATED = ("fi", "et", "el", "zh", "fa")
VOCAB = 60000		# dictionary words per language at most, besides the demo's
FUNCTION_WORDS = 10	# the demo's commonest words rank first

HOSTING = {
    "en": """server backup restore invoice payment domain dns zone transfer
        ssl certificate email mailbox password account hosting website
        wordpress database mysql php version firewall port reseller price
        spam filter renewal nameserver record redirect subdomain ssh sftp
        upload storage quota traffic support ticket billing order refund
        login session token cron cache disk limit network update webmail
        migration plan contact user report status script api card tax
        vps cloud dkim spf cname ipv6 ftp https tls cdn malware""",
    "fi": """palvelin varmuuskopio palautus lasku maksu verkkotunnus
        nimipalvelu vyöhyke siirto varmenne sähköposti postilaatikko
        salasana tili webhotelli sivusto tietokanta versio palomuuri portti
        jälleenmyyjä hinta roskaposti suodatin uusiminen nimipalvelin
        tietue uudelleenohjaus aliverkkotunnus tallennustila kiintiö
        liikenne tuki tukipyyntö laskutus tilaus hyvitys kirjautuminen
        istunto välimuisti levy raja verkko päivitys käyttäjä yhteystieto
        raportti tila asiakas palvelu kortti arvonlisävero""",
    "et": """server varukoopia taastamine arve makse domeen nimeserver
        tsoon ülekanne sertifikaat postkast parool konto veebimajutus
        veebileht andmebaas versioon tulemüür port edasimüüja hind
        rämpspost filter pikendamine kirje ümbersuunamine alamdomeen
        salvestusruum kvoot liiklus tugi pöördumine arveldus tellimus
        tagasimakse sisselogimine seanss vahemälu ketas piirang võrk
        uuendus kasutaja kontakt aruanne olek klient teenus kaart
        käibemaks""",
    "el": """διακομιστής αντίγραφο ασφαλείας επαναφορά τιμολόγιο πληρωμή
        τομέας ζώνη μεταφορά πιστοποιητικό γραμματοκιβώτιο κωδικός
        λογαριασμός φιλοξενία ιστότοπος βάση δεδομένων έκδοση τείχος θύρα
        μεταπωλητής τιμή ανεπιθύμητα φίλτρο ανανέωση εγγραφή
        ανακατεύθυνση υποτομέας αποθήκευση όριο κίνηση υποστήριξη αίτημα
        χρέωση παραγγελία επιστροφή σύνδεση συνεδρία μνήμη δίσκος δίκτυο
        ενημέρωση χρήστης επαφή αναφορά κατάσταση πελάτης υπηρεσία κάρτα""",
    "zh": """服务器 备份 恢复 发票 付款 域名 解析 转移 证书 邮箱 邮件 密码
        账户 主机 网站 数据库 版本 防火墙 端口 代理商 价格 垃圾邮件 过滤
        续费 记录 重定向 子域名 存储 配额 流量 支持 工单 账单 订单 退款
        登录 会话 缓存 磁盘 限制 网络 更新 用户 联系人 报告 状态 客户
        服务 信用卡 税费""",
    "fa": """سرور پشتیبان بازیابی فاکتور پرداخت دامنه انتقال گواهی ایمیل
        صندوق رمز حساب میزبانی وب‌سایت وردپرس پایگاه داده نسخه فایروال
        پورت نماینده قیمت هرزنامه فیلتر تمدید رکورد زیردامنه فضا سهمیه
        ترافیک پشتیبانی تیکت صورتحساب سفارش بازپرداخت ورود نشست حافظه
        دیسک محدودیت شبکه کاربر تماس گزارش وضعیت مشتری سرویس کارت مالیات""",
}

PRODUCTS = ("Web hosting", "Domains", "E-mail", "Managed servers", "VPS",
    "Reseller")
SEGMENTS = ("Resellers", "Managed servers", "Finland", "Internal")

WORD = {
    "en": re.compile(r"^[a-z]{2,20}$"),
    "fi": re.compile(r"^[a-zåäöšž]{2,24}$"),
    "et": re.compile(r"^[a-zõäöüšž]{2,24}$"),
    "el": re.compile(r"^[α-ωάέήίόύώϊϋΐΰς]{2,24}$"),
    "zh": re.compile(r"^[\u4e00-\u9fff]{1,4}$"),
    "fa": re.compile(r"^[\u0621-\u06cc\u200c]{2,24}$"),
}
JIEBA_DICT = "/usr/lib/python3/dist-packages/jieba/dict.txt"
TOKEN = re.compile(r"[^\W\d_]+(?:[\u200c'][^\W\d_]+)*")


def dictionary(lang):
	"""The words of lang's Debian dictionary, in a fixed order."""
	if lang == "en":
		with open("/usr/share/dict/american-english", encoding="utf-8") as f:
			words = [w.strip() for w in f]
	elif lang == "fi":
		# freedict fin-eng: its index's headwords (one-word ones).
		with open("/usr/share/dictd/freedict-fin-eng.index",
		    encoding="utf-8") as f:
			words = [l.split("\t", 1)[0] for l in f
			    if not l.startswith("00database")]
	elif lang in ("et", "el", "fa"):
		path, enc = {"et": ("/usr/share/hunspell/et_EE.dic", "iso8859_15"),
		    "el": ("/usr/share/hunspell/el_GR.dic", "iso8859_7"),
		    "fa": ("/usr/share/hunspell/fa_IR.dic", "utf-8")}[lang]
		with open(path, encoding=enc, errors="replace") as f:
			next(f)		# the count
			words = [l.split("/", 1)[0].strip() for l in f]
	else:
		# jieba's dict.txt: word, frequency, part of speech.
		with open(JIEBA_DICT, encoding="utf-8") as f:
			rows = [l.split(" ") for l in f]
		rows = [(r[0], int(r[1])) for r in rows if len(r) >= 2 and
		    WORD["zh"].match(r[0])]
		rows.sort(key=lambda r: (-r[1], r[0]))
		return [r[0] for r in rows]
	ok = WORD[lang]
	return sorted({w for w in words if ok.match(w)})


def demo_words(demo, lang):
	"""lang's demo article words, commonest first (none for Chinese,
	which has no spaces between words: jieba's order serves)."""
	count = {}
	if lang == "zh":
		return []
	for name in sorted(os.listdir(demo)):
		if not name.startswith(lang + "-"):
			continue
		with open(os.path.join(demo, name), encoding="utf-8") as f:
			text = f.read().split("\n---\n", 1)[-1]
		for w in TOKEN.findall(text.lower()):
			if WORD[lang].match(w):
				count[w] = count.get(w, 0) + 1
	return sorted(count, key=lambda w: (-count[w], w))


class Vocabulary:
	"""One language's words in rank order, drawn with Zipf weights.
	rng shuffles the dictionary; draws use self.rng (set by main())."""
	def __init__(self, lang, demo, rng):
		dict_words = dictionary(lang)
		self.dictionary_size = len(dict_words)
		from_demo = demo_words(demo, lang)
		if lang == "zh":
			# jieba's order is a real frequency order: its
			# commonest words are the function words.
			head, dict_words = dict_words[:FUNCTION_WORDS], \
			    dict_words[FUNCTION_WORDS:VOCAB + FUNCTION_WORDS]
			rest = []
		else:
			head = from_demo[:FUNCTION_WORDS]
			rest = from_demo[FUNCTION_WORDS:]
			if len(dict_words) > VOCAB:
				dict_words = rng.sample(dict_words, VOCAB)
			else:
				rng.shuffle(dict_words)
		seen, words = set(), []
		for w in head + HOSTING[lang].split() + rest + dict_words:
			if w not in seen:
				seen.add(w)
				words.append(w)
		self.lang = lang
		self.words = words
		self.nhead = len(head)
		rank = {w: r for r, w in enumerate(words)}
		self.hosting = sorted({rank[w] for w in HOSTING[lang].split()})
		self.first_dict = len(words) - len(dict_words)
		cum, t = [], 0.0
		for r in range(1, len(words) + 1):
			t += 1.0 / r
			cum.append(t)
		self.cum = cum
		self.total = t
		self.rng = rng
		# Titles draw from the content words only (past the head).
		self.title_cum = [c - cum[self.nhead - 1] for c in
		    cum[self.nhead:self.nhead + 3000]]

	def p(self, rank):
		"""The chance that one drawn word is the word of rank (0-based)."""
		return 1.0 / ((rank + 1) * self.total)

	def draw(self, k):
		return self.rng.choices(self.words, cum_weights=self.cum, k=k)

	def title_words(self, k):
		return self.rng.choices(self.words[self.nhead:self.nhead + 3000],
		    cum_weights=self.title_cum, k=k)


def sentence(v, n):
	ws = v.draw(n)
	if v.lang == "zh":
		return "".join(ws) + "。"
	s = " ".join(ws)
	return s[0].upper() + s[1:] + "."


def body_text(v, rng, nwords):
	"""Markdown of about nwords words: paragraphs, now and then a
	heading or a list.  Newlines are written as \\n for LOAD DATA."""
	parts, left = [], nwords
	sep = "" if v.lang == "zh" else " "
	while left > 0:
		roll = rng.random()
		if roll < 0.08 and parts:
			h = sep.join(v.title_words(rng.randint(2, 4)))
			parts.append("## " + (h[0].upper() + h[1:]))
			left -= 3
		elif roll < 0.14:
			items = ["- " + sep.join(v.draw(rng.randint(3, 7)))
			    for _ in range(rng.randint(2, 4))]
			parts.append("\\n".join(items))
			left -= 5 * len(items)
		else:
			sents = []
			for _ in range(rng.randint(2, 5)):
				n = rng.randint(6, 18)
				sents.append(sentence(v, n))
				left -= n
			parts.append(sep.join(sents))
	return "\\n\\n".join(parts)


def title_text(v, rng, lo, hi, end=""):
	sep = "" if v.lang == "zh" else " "
	t = sep.join(v.title_words(rng.randint(lo, hi)))
	return t[0].upper() + t[1:] + end


def body_length(rng, mu):
	return int(min(1500, max(30, rng.lognormvariate(mu, 0.5))))


def access(rng):
	"""visibility, and the segment of a limited item."""
	x = rng.random()
	if x < 0.01:
		return "segments", rng.choice(SEGMENTS)
	if x < 0.06:
		return "signed-in", None
	return "public", None


def status(rng):
	x = rng.random()
	return "draft" if x < 0.02 else "archived" if x < 0.03 else "published"


def tsv(f, *cols):
	f.write("\t".join("\\N" if c is None else str(c) for c in cols) + "\n")


class Out:
	def __init__(self, d):
		self.items = open(os.path.join(d, "items.tsv"), "w", encoding="utf-8")
		self.segs = open(os.path.join(d, "segments.tsv"), "w", encoding="utf-8")
		self.tags = open(os.path.join(d, "tags.tsv"), "w", encoding="utf-8")

	def item(self, rng, id, kind, group, lang, slug, cat, title, summary,
	    body, tags, age, product="", news_kind="", severity="",
	    starts=None, ends=None, file_id=None, file_version="",
	    public=False):
		st, (vis, seg) = ("published", ("public", None)) if public else \
		    (status(rng), access(rng))
		if st == "draft":
			age = None
		tsv(self.items, id, kind, group, lang, slug, cat, title, summary,
		    body, ",".join(tags), st, vis, product, news_kind, severity,
		    starts, ends, file_id, file_version, age)
		if seg:
			tsv(self.segs, id, seg)
		for t in sorted(set(tags)):
			tsv(self.tags, id, t)

	def close(self):
		for f in (self.items, self.segs, self.tags):
			f.close()


FIVE_YEARS = 5 * 365 * 86400
ARTICLE_ID, TRANSLATION_ID, FAQ_ID, NEWS_ID, DOWNLOAD_ID = \
    1000000, 2000000, 3000000, 4000000, 5000000
CAT_ID, TOP_ID, NEWS_CAT = 100000, 100200, 100300
FILE_ID = 100000


def categories(d, voc):
	with open(os.path.join(d, "cats.tsv"), "w", encoding="utf-8") as f:
		for t in range(1, 11):
			name = " ".join(w.capitalize() for w in
			    voc.words[voc.nhead + 2 * t:voc.nhead + 2 * t + 2])
			tsv(f, TOP_ID + t, None, "bench-top-%d" % t, name, t)
		for c in range(1, 101):
			tsv(f, CAT_ID + c, TOP_ID + 1 + (c - 1) % 10,
			    "bench-cat-%d" % c, "Bench category %d" % c, c)
		tsv(f, NEWS_CAT, None, "bench-news", "Bench news", 99)


def bench_slug(i, n):
	"""The pages the bench reads by name are public and published."""
	return i in (n // 2, max(1, n // 2 - 1))


def articles(out, rng, vocs, n):
	en = vocs["en"]
	for i in range(1, n + 1):
		age = (n - i) * FIVE_YEARS // n + rng.randint(0, 3600)
		cat = CAT_ID + 1 + i % 100
		tags = en.title_words(rng.randint(1, 3))
		product = rng.choice(PRODUCTS) if rng.random() < 0.6 else ""
		out.item(rng, ARTICLE_ID + i, "article", ARTICLE_ID + i, "en",
		    "bench-%d" % i, cat, title_text(en, rng, 3, 7) + " %d" % i,
		    sentence(en, rng.randint(8, 16)),
		    body_text(en, rng, body_length(rng, 5.0)), tags, age,
		    product=product, public=bench_slug(i, n))
		if i % 5 == 0:
			lang = TRANSLATED[(i // 5) % len(TRANSLATED)]
			v = vocs[lang]
			out.item(rng, TRANSLATION_ID + i, "article", ARTICLE_ID + i,
			    lang, "bench-%s-%d" % (lang, i), cat,
			    title_text(v, rng, 3, 6) + " %d" % i,
			    sentence(v, rng.randint(8, 16)),
			    body_text(v, rng, body_length(rng, 5.0)), tags,
			    max(0, age - rng.randint(3600, 30 * 86400)),
			    product=product, public=bench_slug(i, n))


def faqs(out, rng, en, n):
	for i in range(1, n + 1):
		out.item(rng, FAQ_ID + i, "faq", FAQ_ID + i, "en",
		    "bench-faq-%d" % i, CAT_ID + 1 + i % 20,
		    title_text(en, rng, 4, 9, "?"), "",
		    body_text(en, rng, body_length(rng, 3.8)), ["faq"],
		    rng.randint(0, FIVE_YEARS), public=i == 1)


def news(out, rng, en, n):
	sev = ("info", "info", "minor", "minor", "major", "critical")
	for i in range(1, n + 1):
		age = (n - i) * FIVE_YEARS // n + rng.randint(0, 3600)
		x = rng.random()
		kind = "notice" if x < 0.4 else "update" if x < 0.6 else "blog"
		severity, starts, ends = "", None, None
		if kind == "notice":
			severity = rng.choice(sev)
			starts = age
			# The newest few are still on (the banner's notices).
			ends = -86400 if i > n - 5 else \
			    age - rng.randint(1800, 3 * 86400)
		length = 5.6 if kind == "blog" else 4.2
		out.item(rng, NEWS_ID + i, "news", NEWS_ID + i, "en",
		    "bench-news-%d" % i, NEWS_CAT, title_text(en, rng, 4, 9),
		    sentence(en, rng.randint(8, 16)),
		    body_text(en, rng, body_length(rng, length)), [kind], age,
		    product=rng.choice(PRODUCTS) if kind != "blog" else "",
		    news_kind=kind, severity=severity, starts=starts, ends=ends,
		    public=i == n // 2)


def downloads(out, d, rng, en, n):
	types = (("zip", "application/zip"), ("pdf", "application/pdf"),
	    ("tar.gz", "application/gzip"), ("exe",
	    "application/vnd.microsoft.portable-executable"))
	with open(os.path.join(d, "files.tsv"), "w", encoding="utf-8") as f:
		for i in range(1, n + 1):
			ext, ctype = types[i % len(types)]
			version = "%d.%d.%d" % (rng.randint(1, 9),
			    rng.randint(0, 20), rng.randint(0, 9))
			name = "bench-tool-%d-%s.%s" % (i, version, ext)
			tsv(f, FILE_ID + i, DOWNLOAD_ID + i, name, ctype,
			    rng.randint(20000, 200000000),
			    hashlib.sha256(name.encode()).hexdigest())
			out.item(rng, DOWNLOAD_ID + i, "download", DOWNLOAD_ID + i,
			    "en", "bench-download-%d" % i, CAT_ID + 1 + i % 100,
			    title_text(en, rng, 2, 5) + " " + version,
			    sentence(en, rng.randint(8, 16)),
			    body_text(en, rng, body_length(rng, 4.0)), [ext],
			    rng.randint(0, FIVE_YEARS),
			    product=rng.choice(PRODUCTS), file_id=FILE_ID + i,
			    file_version=version, public=i == n // 2)


def doc_share(v, rank, lengths):
	"""The expected share of documents of these lengths with the word."""
	p = v.p(rank)
	return sum(1.0 - (1.0 - p) ** L for L in lengths) / len(lengths)


def queries(d, vocs, n, rng):
	"""Search words by how many documents they are expected to match:
	a broad one (about half of that language's documents), a common one
	(a fifth), a pair of common ones, and two rare ones (5 and 30
	documents)."""
	lengths = [body_length(rng, 5.0) for _ in range(2000)]
	docs = {"en": n}
	for lang in TRANSLATED:
		docs[lang] = n // 5 // len(TRANSLATED)
	# A rare word must be rare in the index too: search matches a query
	# word as a prefix, so not one that begins another word of the
	# vocabulary, nor a word of another language's vocabulary, nor a
	# short one.
	alone = {}
	for lang in LANGS:
		words = sorted(vocs[lang].words)
		others = set()
		for o in LANGS:
			if o != lang:
				others.update(vocs[o].words)
		shortest = 2 if lang == "zh" else 6
		alone[lang] = {w for i, w in enumerate(words)
		    if len(w) >= shortest and w not in others and
		    (i + 1 == len(words) or not words[i + 1].startswith(w))}
	with open(os.path.join(d, "queries.tsv"), "w", encoding="utf-8") as f:
		for lang in LANGS:
			v = vocs[lang]
			hosting = [r for r in v.hosting if r >= v.nhead]
			share = {r: doc_share(v, r, lengths) for r in hosting}
			broad = min(hosting, key=lambda r: abs(share[r] - 0.5))
			near = lambda x: sorted(hosting,
			    key=lambda r: abs(share[r] - x))
			common = near(0.2)[:3]
			# The rarest words of the vocabulary match a few dozen
			# English articles (it has 60,000 words and N articles)
			# and a few translations in the other languages.
			expect = lambda r: docs[lang] * doc_share(v, r, [168])
			tail = [r for r in range(v.first_dict, len(v.words))
			    if v.words[r] in alone[lang]]
			rare = [min(tail, key=lambda r: abs(expect(r) - want))
			    for want in (5, 30)]
			rows = [("broad", [broad]), ("common", common[:1]),
			    ("pair", common[1:3]),
			    ("rare", [rare[0]]), ("rare", [rare[1]])]
			for cls, ranks in rows:
				if not ranks:
					continue
				q = " ".join(v.words[r] for r in ranks)
				est = docs[lang]
				for r in ranks:
					est *= doc_share(v, r, lengths)
				tsv(f, lang, cls, q, urllib.parse.quote(q),
				    int(round(est)))


def main():
	if len(sys.argv) != 4:
		sys.exit("usage: corpus.py DEMO-DIR OUT-DIR N")
	demo, d, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
	rng = random.Random(42)
	vocs = {}
	for lang in LANGS:
		vocs[lang] = Vocabulary(lang, demo, random.Random(lang))
		vocs[lang].rng = rng
	with open(os.path.join(d, "vocabulary.txt"), "w") as f:
		for lang in LANGS:
			v = vocs[lang]
			f.write("%s %d words (dictionary %d), commonest: %s\n" % (
			    lang, len(v.words), v.dictionary_size,
			    " ".join(v.words[:15])))
	categories(d, vocs["en"])
	out = Out(d)
	articles(out, rng, vocs, n)
	faqs(out, rng, vocs["en"], max(20, n // 50))
	news(out, rng, vocs["en"], max(20, n // 20))
	downloads(out, d, rng, vocs["en"], max(10, n // 100))
	out.close()
	queries(d, vocs, n, random.Random(7))


if __name__ == "__main__":
	main()
