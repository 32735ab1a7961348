#!/usr/bin/env python3
"""Load for the cluster check: signed-in customers viewing pages,
opening tickets, replying, voting and asking in the community, through
the front, for a bounded time.  Every write the portal acknowledged (a
303 to the expected page) is recorded in OUT (JSON lines), with every
request's time, kind and status, for check.sh to verify on every node.

usage: load.py URL USERS_FILE PASSWORD IDEA_ID SECONDS OUT
"""
import http.cookiejar, json, random, re, sys, threading, time, uuid
import urllib.error, urllib.parse, urllib.request

URL, USERS, PW, IDEA, SECS, OUT = sys.argv[1], sys.argv[2], sys.argv[3], \
    sys.argv[4], float(sys.argv[5]), sys.argv[6]
lock = threading.Lock()
out = open(OUT, "a")


def record(**kv):
    kv["t"] = round(time.time(), 3)
    with lock:
        out.write(json.dumps(kv) + "\n")
        out.flush()


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *a, **k):
        return None


class Client:
    def __init__(self, email):
        self.email = email
        self.jar = http.cookiejar.CookieJar()
        self.op = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(self.jar), NoRedirect)
        self.tickets = []

    def req(self, kind, method, path, data=None, ctype=None):
        h = {"Origin": URL}
        if ctype:
            h["Content-Type"] = ctype
        r = urllib.request.Request(URL + path, data=data, method=method,
                                   headers=h)
        status, loc, body = 0, "", b""
        try:
            with self.op.open(r, timeout=30) as resp:
                status, body = resp.status, resp.read()
        except urllib.error.HTTPError as e:
            status, loc = e.code, e.headers.get("Location", "")
            body = e.read()
        except Exception as e:  # refused, reset, timeout
            status = 0
        record(k="req", kind=kind, status=status, user=self.email)
        return status, loc, body.decode("utf-8", "replace")

    def token(self, path):
        s, _, body = self.req("form", "GET", path)
        m = re.search(r'name="csrf" value="([0-9a-f]+)"', body)
        return m.group(1) if m else None

    def post(self, kind, path, form_page, fields, multipart=False):
        tok = self.token(form_page)
        if tok is None:
            return 0, ""
        fields = dict(fields, csrf=tok)
        if multipart:
            return self.multipart(kind, path, fields)
        data = urllib.parse.urlencode(fields).encode()
        s, loc, _ = self.req(kind, "POST", path, data,
                             "application/x-www-form-urlencoded")
        return s, loc

    def multipart(self, kind, path, fields):
        b = uuid.uuid4().hex
        data = "".join('--%s\r\nContent-Disposition: form-data; '
                       'name="%s"\r\n\r\n%s\r\n' % (b, k, v)
                       for k, v in fields.items())
        data = (data + "--%s--\r\n" % b).encode()
        s, loc, _ = self.req(kind, "POST", path, data,
                             "multipart/form-data; boundary=" + b)
        return s, loc

    def signin(self):
        s, loc = self.post("signin", "/signin", "/signin",
                           {"email": self.email, "password": PW})
        return s == 303

    def step(self):
        r = random.random()
        if r < 0.55:
            p = random.choice(["/", "/kb", "/search?q=backup", "/tickets",
                               "/ideas", "/community", "/billing",
                               IDEA_PAGE])
            self.req("view", "GET", p)
        elif r < 0.67:
            mark = "CT-" + uuid.uuid4().hex[:12]
            page = self.req("form", "GET", "/tickets/new")[2]
            tok = re.search(r'name="csrf" value="([0-9a-f]+)"', page)
            once = re.search(r'name="once" value="([0-9a-f]+)"', page)
            if not tok or not once:
                return
            fields = {"csrf": tok.group(1), "once": once.group(1),
                      "subject": "Cluster load " + mark,
                      "body": "Opened under load " + mark,
                      "department": "billing", "checked": "1"}
            # A third of the forms are sent again, as a browser or a
            # proxy retries a post whose answer it lost: one ticket.
            for attempt in range(2 if random.random() < 0.33 else 1):
                s, loc = self.multipart("ticket", "/tickets/new", fields)
                m = re.match(r"^/tickets/(T-[A-Z0-9-]+)(\?|$)", loc or "")
                if s == 303 and m:
                    if attempt == 0:
                        self.tickets.append(m.group(1))
                    record(k="ack", kind="ticket", ref=m.group(1), mark=mark,
                           user=self.email, retry=attempt)
        elif r < 0.79 and self.tickets:
            ref = random.choice(self.tickets)
            mark = "CR-" + uuid.uuid4().hex[:12]
            page = self.req("form", "GET", "/tickets/" + ref)[2]
            m = re.search(r'name="expect_last" value="(\d+)"', page)
            if not m:
                return
            s, loc = self.post("reply", "/tickets/%s/reply" % ref,
                               "/tickets/" + ref,
                               {"body": "Reply under load " + mark,
                                "expect_last": m.group(1)}, multipart=True)
            if s == 303 and loc.startswith("/tickets/" + ref):
                record(k="ack", kind="reply", ref=ref, mark=mark,
                       user=self.email)
        elif r < 0.95:
            act = random.choice(["vote", "unvote"])
            s, loc = self.post("vote", "/ideas/%s/vote" % IDEA,
                               IDEA_PAGE, {"action": act})
            record(k="ack" if s == 303 else "try", kind="vote", act=act,
                   user=self.email)
        else:
            mark = "TP-" + uuid.uuid4().hex[:12]
            s, loc = self.post("topic", "/community/new", "/community/new",
                               {"category": "domains",
                                "title": "Cluster topic " + mark,
                                "body": "Asked under load " + mark})
            m = re.match(r"^/community/t/(\d+)-", loc or "")
            if s == 303 and m:
                record(k="ack", kind="topic", id=int(m.group(1)), mark=mark,
                       user=self.email)


def run(email, until):
    c = Client(email)
    while time.time() < until and not c.signin():
        time.sleep(0.5)
    while time.time() < until:
        try:
            c.step()
        except Exception as e:
            record(k="req", kind="client-error", status=-1, user=email,
                   err=str(e)[:100])
        time.sleep(random.uniform(0.02, 0.1))


# The idea's page is /ideas/ID-slug (/ideas/ID redirects there).
try:
    urllib.request.build_opener(NoRedirect).open(URL + "/ideas/" + IDEA)
    IDEA_PAGE = "/ideas/" + IDEA
except urllib.error.HTTPError as e:
    IDEA_PAGE = e.headers.get("Location", "/ideas/" + IDEA)
users = [u.strip() for u in open(USERS) if u.strip()]
until = time.time() + SECS
ts = [threading.Thread(target=run, args=(u, until)) for u in users]
for t in ts:
    t.start()
for t in ts:
    t.join()
