#!/usr/bin/env python3
"""Throughput benchmark of a running Visage (./visage bench; docs/BENCHMARKS.md "Throughput").

Python 3 standard library only. Normally started by scripts/bench-throughput.sh, which passes the
port, the admin key, the Liberty pid and the digest root through the environment:
  VISAGE_BENCH_URL (http://127.0.0.1:9080), VISAGE_ADMIN_KEY, VISAGE_BENCH_PID (Liberty's java, optional),
  VISAGE_BENCH_DIGEST_ROOT (the server's first digest root), VISAGE_BENCH_ROOT (the repository).

Cases: (a) queue ingest of new photos, (b) the same messages again (already seen), (c) folder digest,
(d) POST /api/v1/faces/analyze latency and throughput, (e) recognize against a 10 000-face company.
"""
import argparse
import concurrent.futures as cf
import csv
import json
import os
import random
import shutil
import statistics
import sys
import threading
import time
import urllib.error
import urllib.request
import uuid

ROOT = os.environ.get("VISAGE_BENCH_ROOT") or os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
IMAGES = os.path.join(ROOT, "testdata", "deepface-pairs", "images")
FRAME = os.path.join(ROOT, "testdata", "bench", "frame-640x480.jpg")
ANALYZE_PHOTO = "img15.jpg"     # 1414x1264 (1.79 MP) baseline JPEG, one face
ANALYZE_PHOTO_2 = "img2.jpg"    # 1536x1152 (1.77 MP) progressive JPEG, one face
FRAME_PERSON_PHOTO = "img1.jpg"  # the same person as img2.jpg (the frame): enrolled, must be the answer
IMAGE_EXT = (".jpg", ".jpeg", ".png", ".webp", ".bmp")
SETTINGS = [  # (environment variable, default when the server's environment does not set it)
    ("MAX_WORKER_CONCURRENCY", "4"),
    ("VISAGE_BATCH_CONCURRENCY", "MAX_WORKER_CONCURRENCY"),
    ("VISAGE_INFERENCE_THREADS", "1"),
    ("VISAGE_INGEST_ATTRIBUTES", "false"),
    ("VISAGE_INGEST_MIN_FACE_PX", "VISAGE_QUALITY_MIN_FACE_PX, 40"),
    ("VISAGE_EMBEDDER_MODEL", "faceapi"),
    ("VISAGE_JAVA_OPTS", ""),
]


def log(msg):
    print("[bench] " + msg, file=sys.stderr, flush=True)


# ------------------------------------------------------------------ HTTP
class Http:
    def __init__(self, base, admin_key, timeout=300):
        self.base = base.rstrip("/")
        self.admin_key = admin_key
        self.timeout = timeout

    def call(self, method, path, key=None, body=None, content_type=None, headers=None):
        h = {"X-API-Key": key or self.admin_key, "Accept": "application/json"}
        if content_type:
            h["Content-Type"] = content_type
        h.update(headers or {})
        req = urllib.request.Request(self.base + path, data=body, method=method, headers=h)
        try:
            with urllib.request.urlopen(req, timeout=self.timeout) as r:
                data = r.read()
                return r.status, (json.loads(data) if data else None)
        except urllib.error.HTTPError as e:
            data = e.read()
            try:
                return e.code, json.loads(data)
            except ValueError:
                return e.code, data.decode("utf-8", "replace")

    def json(self, method, path, obj, key=None, expect=(200, 201, 202), headers=None):
        status, out = self.call(method, path, key, json.dumps(obj).encode(), "application/json", headers)
        if status not in expect:
            raise RuntimeError("%s %s -> %s %s" % (method, path, status, out))
        return out

    def get(self, path, key=None, headers=None):
        status, out = self.call("GET", path, key, headers=headers)
        if status != 200:
            raise RuntimeError("GET %s -> %s %s" % (path, status, out))
        return out

    def multipart(self, path, fields, files, key=None, expect=(200, 201, 202)):
        boundary = "----visagebench" + uuid.uuid4().hex
        parts = []
        for name, value in fields.items():
            parts.append(("--%s\r\nContent-Disposition: form-data; name=\"%s\"\r\n\r\n%s\r\n"
                          % (boundary, name, value)).encode())
        for name, (filename, data) in files.items():
            parts.append(("--%s\r\nContent-Disposition: form-data; name=\"%s\"; filename=\"%s\"\r\n"
                          "Content-Type: application/octet-stream\r\n\r\n" % (boundary, name, filename)).encode())
            parts.append(data)
            parts.append(b"\r\n")
        parts.append(("--%s--\r\n" % boundary).encode())
        status, out = self.call("POST", path, key, b"".join(parts), "multipart/form-data; boundary=" + boundary)
        if status not in expect:
            raise RuntimeError("POST %s -> %s %s" % (path, status, out))
        return out

    def metrics(self):
        req = urllib.request.Request(self.base + "/metrics")
        with urllib.request.urlopen(req, timeout=10) as r:
            return r.read().decode("utf-8", "replace")


# ------------------------------------------------------------------ the server process and the machine
class Process:
    """Liberty's java process, when it runs on this machine: CPU seconds and environment."""

    def __init__(self, pid):
        self.pid = pid if pid and os.path.exists("/proc/%s/stat" % pid) else None
        self.tick = os.sysconf("SC_CLK_TCK")

    def cpu_seconds(self):
        if not self.pid:
            return None
        with open("/proc/%s/stat" % self.pid) as f:
            fields = f.read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / self.tick  # utime + stime

    def environ(self):
        if not self.pid:
            return None
        try:
            with open("/proc/%s/environ" % self.pid, "rb") as f:
                pairs = [kv.split(b"=", 1) for kv in f.read().split(b"\0") if b"=" in kv]
            return {k.decode(): v.decode("utf-8", "replace") for k, v in pairs}
        except OSError:
            return None


def loadavg():
    with open("/proc/loadavg") as f:
        return " ".join(f.read().split()[:3])


def cpu_model():
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return "unknown"


class HeapSampler(threading.Thread):
    """Samples the JVM's used heap from /metrics every 0.5 s; high-water per case and overall."""

    NAMES = ("memory_usedHeap_bytes", "base_memory_usedHeap_bytes")

    def __init__(self, http, interval=0.5):
        super().__init__(daemon=True)
        self.http, self.interval = http, interval
        self.stop = threading.Event()
        self.lock = threading.Lock()
        self.overall = 0
        self.window = 0
        self.max_heap = None
        self.samples = 0
        self.source = None

    def read(self):
        used = 0
        for line in self.http.metrics().splitlines():
            if line.startswith("#"):
                continue
            name = line.split("{", 1)[0].split(" ", 1)[0]
            value = line.rsplit(" ", 1)[-1]
            if name in self.NAMES or (name == "jvm_memory_used_bytes" and 'area="heap"' in line):
                # jvm_memory_used_bytes comes per pool: the heap is their sum
                used = used + float(value) if name == "jvm_memory_used_bytes" else float(value)
                self.source = name
            elif name in ("memory_maxHeap_bytes", "base_memory_maxHeap_bytes"):
                self.max_heap = float(value)
        return used

    def run(self):
        while not self.stop.is_set():
            try:
                used = self.read()
                with self.lock:
                    self.samples += 1
                    self.overall = max(self.overall, used)
                    self.window = max(self.window, used)
            except Exception:  # noqa: BLE001 - a missed sample is not an error
                pass
            self.stop.wait(self.interval)

    def take_window(self):
        with self.lock:
            w, self.window = self.window, 0
            return w


# ------------------------------------------------------------------ helpers
def pct(values, p):
    """Nearest-rank percentile."""
    if not values:
        return float("nan")
    s = sorted(values)
    k = max(0, min(len(s) - 1, int(round(p / 100.0 * len(s) + 0.5)) - 1))
    return s[k]


def photos():
    names = sorted(n for n in os.listdir(IMAGES) if n.lower().endswith(IMAGE_EXT))
    return [(n, open(os.path.join(IMAGES, n), "rb").read()) for n in names]


def stats_of(http, tenant):
    return http.get("/api/v1/stats", headers={"X-Tenant-ID": tenant})


def counters_delta(before, after):
    b, a = before.get("counters", {}), after.get("counters", {})
    return {k: a.get(k, 0) - b.get(k, 0) for k in a}


def stage_delta(before, after):
    """Per-stage average milliseconds over the window: delta total / delta count."""
    out = {}
    b, a = before.get("timings_ms", {}) or {}, after.get("timings_ms", {}) or {}
    for stage, t in a.items():
        tb = b.get(stage, {}) or {}
        n = (t.get("count") or 0) - (tb.get("count") or 0)
        total = (t.get("total") or 0) - (tb.get("total") or 0)
        if n > 0:
            out[stage] = (total / n, n)
    return out


def new_tenant(http, tenant):
    out = http.json("POST", "/api/v1/admin/api-keys", {"tenant_id": tenant, "name": "bench"})
    return out["secret"]


def wait_counters(http, tenant, before, target, timeout, poll=0.1):
    """Waits until images_total + worker_msgs_dlq of the tenant grew by target; returns (end time, stats)."""
    deadline = time.monotonic() + timeout
    while True:
        s = stats_of(http, tenant)
        d = counters_delta(before, s)
        if d.get("images_total", 0) + d.get("worker_msgs_dlq", 0) >= target:
            return time.monotonic(), s
        if time.monotonic() > deadline:
            raise RuntimeError("timed out: tenant %s has %s of %d" % (tenant, d, target))
        time.sleep(poll)


class Window:
    """A measured window: wall time, Liberty CPU seconds, heap high-water."""

    def __init__(self, proc, heap):
        self.proc, self.heap = proc, heap
        heap.take_window()
        self.cpu0 = proc.cpu_seconds()
        self.t0 = time.monotonic()

    def close(self, t_end=None):
        self.t1 = t_end or time.monotonic()
        cpu1 = self.proc.cpu_seconds()
        self.cpu = None if self.cpu0 is None else cpu1 - self.cpu0
        self.heap_max = self.heap.take_window()
        return self

    @property
    def seconds(self):
        return self.t1 - self.t0


# ------------------------------------------------------------------ cases
class Bench:
    def __init__(self, args, http, proc, heap):
        self.args, self.http, self.proc, self.heap = args, http, proc, heap
        self.run_id = time.strftime("%Y%m%d%H%M%S") + "-" + uuid.uuid4().hex[:6]
        self.rows = []          # (case, photos/requests, seconds, photos/s, faces/s, latency, cpu ms/photo, heap, notes)
        self.stages = {}        # case -> {stage: (avg ms, n)}
        self.passes = []        # case (a): [(tenant, key, messages, counters)]

    def row(self, case, n, window, rate=None, faces=None, latency="", notes="", per=None):
        per = per or n
        cpu = "" if window.cpu is None or not per else "%.0f" % (window.cpu * 1000 / per)
        self.rows.append((case, str(n), "%.1f" % window.seconds,
                          "" if rate is None else "%.2f" % rate,
                          "" if faces is None else "%.2f" % faces, latency, cpu,
                          "%.0f" % (window.heap_max / 2 ** 20) if window.heap_max else "", notes))

    # (a) queue ingest of new photos: multipart uploads, a fresh tenant per pass
    def case_a(self):
        imgs = photos()
        total = {"photos": 0, "seconds": 0.0, "faces": 0, "stored": 0, "failed": 0, "cpu": 0.0, "upload": 0.0,
                 "heap": 0}
        window_all = Window(self.proc, self.heap)
        stage_sum = {}
        # passes <= 0 are --warmup-passes: the same work under their own tenants, not reported
        for p in range(1 - self.args.warmup_passes, self.args.passes + 1):
            tenant = "bench-%s-a%d" % (self.run_id, p) if p > 0 else "bench-%s-w%d" % (self.run_id, 1 - p)
            key = new_tenant(self.http, tenant)
            before = stats_of(self.http, tenant)
            w = Window(self.proc, self.heap)

            def upload(item, key=key):
                name, data = item
                out = self.http.multipart("/api/v1/ingest", {"site": "bench.local"}, {"file": (name, data)}, key=key)
                return out["messages"][0]

            with cf.ThreadPoolExecutor(self.args.upload_concurrency) as pool:
                messages = list(pool.map(upload, imgs))
            uploaded = time.monotonic() - w.t0
            t_end, after = wait_counters(self.http, tenant, before, len(imgs), self.args.timeout)
            w.close(t_end)
            d = counters_delta(before, after)
            if p <= 0:
                log("(a) warm-up pass %d: %d photos in %.1f s, not reported" % (1 - p, len(imgs), w.seconds))
                window_all = Window(self.proc, self.heap)
                continue
            self.passes.append((tenant, key, messages, d))
            for stage, (avg, n) in stage_delta(before, after).items():
                s = stage_sum.setdefault(stage, [0.0, 0])
                s[0] += avg * n
                s[1] += n
            log("(a) pass %d: %d photos in %.1f s (uploads done after %.1f s), %s"
                % (p, len(imgs), w.seconds, uploaded, d))
            total["photos"] += len(imgs)
            total["seconds"] += w.seconds
            total["faces"] += d.get("faces_detected", 0)
            total["stored"] += d.get("faces_processed", 0)
            total["failed"] += d.get("worker_msgs_dlq", 0)
            total["upload"] += uploaded
            if w.cpu is not None:
                total["cpu"] += w.cpu
            total["heap"] = max(total["heap"], w.heap_max)
            self.row("(a) pass %d" % p, len(imgs), w, len(imgs) / w.seconds, d.get("faces_detected", 0) / w.seconds,
                     notes="uploads %.1f photos/s; %d faces, %d stored, %d failed"
                     % (len(imgs) / uploaded, d.get("faces_detected", 0), d.get("faces_processed", 0),
                        d.get("worker_msgs_dlq", 0)))
        window_all.close()
        window_all.t1 = window_all.t0 + total["seconds"]   # the passes only, not the tenant set-up between them
        window_all.cpu = total["cpu"] if self.proc.pid else None
        window_all.heap_max = total["heap"]
        self.row("**(a) new photos**", total["photos"], window_all, total["photos"] / total["seconds"],
                 total["faces"] / total["seconds"],
                 notes="%d passes x %d%s, upload concurrency %d; uploads alone %.1f photos/s; %d failed"
                 % (self.args.passes, len(imgs),
                    " after %d warm-up passes" % self.args.warmup_passes if self.args.warmup_passes else "",
                    self.args.upload_concurrency, total["photos"] / total["upload"], total["failed"]))
        self.stages["a"] = {k: (v[0] / v[1], v[1]) for k, v in stage_sum.items() if v[1]}

    # (b) the same messages again, same tenant: every image already seen
    def case_b(self):
        if not self.passes:
            log("(b) needs (a)'s tenants and messages: running (a) with 1 pass first")
            passes, self.args.passes = self.args.passes, 1
            self.case_a()
            self.args.passes = passes
        total = {"photos": 0, "seconds": 0.0, "cpu": 0.0, "dup": 0, "expected": 0, "stored": 0, "failed": 0,
                 "heap": 0}
        stage_sum = {}
        window_all = Window(self.proc, self.heap)
        for i, (tenant, key, messages, first) in enumerate(self.passes, 1):
            before = stats_of(self.http, tenant)
            w = Window(self.proc, self.heap)
            self.http.json("POST", "/api/v1/ingest", messages, key=key)
            t_end, after = wait_counters(self.http, tenant, before, len(messages), self.args.timeout)
            w.close(t_end)
            d = counters_delta(before, after)
            expected = first.get("faces_processed", 0) + first.get("faces_dup_skipped", 0)
            for stage, (avg, n) in stage_delta(before, after).items():
                s = stage_sum.setdefault(stage, [0.0, 0])
                s[0] += avg * n
                s[1] += n
            log("(b) tenant %s: %d messages in %.1f s, %s (faces_dup_skipped expected +%d)"
                % (tenant, len(messages), w.seconds, d, expected))
            total["photos"] += len(messages)
            total["seconds"] += w.seconds
            total["dup"] += d.get("faces_dup_skipped", 0)
            total["expected"] += expected
            total["stored"] += d.get("faces_processed", 0)
            total["failed"] += d.get("worker_msgs_dlq", 0)
            if w.cpu is not None:
                total["cpu"] += w.cpu
            total["heap"] = max(total["heap"], w.heap_max)
            self.row("(b) pass %d" % i, len(messages), w, len(messages) / w.seconds,
                     notes="faces_dup_skipped +%d (expected +%d), faces stored +%d"
                     % (d.get("faces_dup_skipped", 0), expected, d.get("faces_processed", 0)))
        window_all.close()
        window_all.t1 = window_all.t0 + total["seconds"]
        window_all.cpu = total["cpu"] if self.proc.pid else None
        window_all.heap_max = total["heap"]
        ok = "OK" if total["dup"] == total["expected"] and total["stored"] == 0 else "MISMATCH"
        self.row("**(b) already seen**", total["photos"], window_all, total["photos"] / total["seconds"],
                 notes="one JSON POST of the upload's messages per tenant; faces_dup_skipped +%d, expected +%d: %s; "
                 "%d failed" % (total["dup"], total["expected"], ok, total["failed"]))
        self.stages["b"] = {k: (v[0] / v[1], v[1]) for k, v in stage_sum.items() if v[1]}

    # (c) folder digest: the photos twice (two subfolders), threads 4
    def case_c(self):
        root = self.args.digest_root
        folder = "bench-" + self.run_id
        target = os.path.join(root, folder)
        imgs = [n for n, _ in photos()]
        for sub in ("a", "b"):
            os.makedirs(os.path.join(target, sub), exist_ok=True)
            for n in imgs:
                shutil.copyfile(os.path.join(IMAGES, n), os.path.join(target, sub, n))
        n_photos = 2 * len(imgs)
        tenant = "bench-%s-c" % self.run_id
        key = new_tenant(self.http, tenant)
        before = stats_of(self.http, tenant)
        try:
            w = Window(self.proc, self.heap)
            job = self.http.json("POST", "/digest", {"local_dir_path": folder, "group_id": folder,
                                                     "threads": self.args.digest_threads}, key=key)
            job_id = job["job_id"]
            deadline = time.monotonic() + self.args.timeout
            while True:
                j = self.http.get("/get-digests/" + job_id, key=key)
                if j["status"] in ("completed", "failed", "cancelled"):
                    break
                if time.monotonic() > deadline:
                    raise RuntimeError("digest %s timed out: %s" % (job_id, j))
                time.sleep(0.1)
            w.close()
        finally:
            shutil.rmtree(target, ignore_errors=True)
        after = stats_of(self.http, tenant)
        self.stages["c"] = stage_delta(before, after)
        faces = j.get("total_faces") or 0
        log("(c) digest %s: %s" % (job_id, {k: j.get(k) for k in (
            "status", "total_images", "processed_images", "failed_images", "skipped_files", "total_faces",
            "faces_processed", "start_time", "end_time")}))
        if j.get("total_images") != n_photos:
            log("(c) WARNING: the digest found %s images, %d were copied" % (j.get("total_images"), n_photos))
        self.row("**(c) digest**", n_photos, w, n_photos / w.seconds, faces / w.seconds,
                 notes="threads %d, submit to completed; status %s, %s faces, %s stored, %s failed"
                 % (self.args.digest_threads, j["status"], faces, j.get("faces_processed"), j.get("failed_images")))

    # (d) analyze: latency at concurrency 1, throughput at concurrency 4
    def case_d(self):
        n = self.args.requests
        for photo in (ANALYZE_PHOTO, ANALYZE_PHOTO_2):
            data = open(os.path.join(IMAGES, photo), "rb").read()

            def analyze(_=None, data=data, photo=photo):
                t = time.monotonic()
                out = self.http.multipart("/api/v1/faces/analyze?include_embedding=false", {}, {"file": (photo, data)},
                                          expect=(200,))
                return time.monotonic() - t, len(out.get("faces", []))

            faces = [analyze()[1] for _ in range(self.args.warmup)][-1] if self.args.warmup else analyze()[1]
            w = Window(self.proc, self.heap)
            lat = [analyze()[0] * 1000 for _ in range(n)]
            w.close()
            self.row("**(d) analyze c1** %s" % photo, n, w, n / w.seconds, n * faces / w.seconds,
                     latency="p50 %.0f / p95 %.0f" % (pct(lat, 50), pct(lat, 95)),
                     notes="%d face(s); %d warm-up requests; rate = req/s" % (faces, self.args.warmup))
            w = Window(self.proc, self.heap)
            with cf.ThreadPoolExecutor(self.args.concurrency) as pool:
                lat4 = [x[0] * 1000 for x in pool.map(analyze, range(n))]
            w.close()
            self.row("(d) analyze c%d %s" % (self.args.concurrency, photo), n, w, n / w.seconds, n * faces / w.seconds,
                     latency="p50 %.0f / p95 %.0f" % (pct(lat4, 50), pct(lat4, 95)), notes="rate = req/s")

    # (e) recognize a 640x480 frame against a company of 10 000 faces
    def case_e(self):
        company = "bench-%s-e" % self.run_id
        people = identities()
        log("(e) embedding %d real faces of %d people" % (sum(len(v) for v in people.values()), len(people)))
        real, model = [], None
        for person, files in people.items():
            for f in files:
                out = self.http.multipart("/api/v1/embedding", {}, {"file": (f, open(os.path.join(IMAGES, f), "rb").read())},
                                          expect=(200,))
                model = out.get("model") or model
                real.append((person, f, out["embedding"]))
        rng = random.Random(15)
        size = self.args.gallery
        dim = len(real[0][2])
        sigma = self.args.noise / dim ** 0.5
        users, faces, embeddings = {}, [], {}
        for person, f, e in real:
            fid = "%s-%s" % (company, f.rsplit(".", 1)[0])
            users.setdefault(person, {"user_id": person, "faces": []})["faces"].append(fid)
            faces.append({"face_id": fid, "user_id": person})
            embeddings[fid] = e
        for i in range(size - len(real)):
            base = real[i % len(real)][2]
            v = [x + rng.gauss(0.0, sigma) for x in base]
            norm = sum(x * x for x in v) ** 0.5
            uid = "synthetic-%05d" % i
            fid = "%s-s%05d" % (company, i)
            users[uid] = {"user_id": uid, "faces": [fid]}
            faces.append({"face_id": fid, "user_id": uid})
            embeddings[fid] = [round(x / norm, 6) for x in v]
        # In chunks: one import is one transaction, and 10 000 faces in one can outlast the server's
        # 120 s transaction timeout on a loaded machine (each chunk adds what is missing, keeps the rest).
        t = time.monotonic()
        added = 0
        try:
            for i in range(0, len(faces), self.args.import_chunk):
                chunk = faces[i:i + self.args.import_chunk]
                chunk_users = {}
                for f in chunk:
                    chunk_users.setdefault(f["user_id"], {"user_id": f["user_id"], "faces": []})["faces"].append(
                        f["face_id"])
                data = {"companies": {company: {}}, "users": {company: chunk_users}, "faces": {company: chunk},
                        "embeddings": {f["face_id"]: embeddings[f["face_id"]] for f in chunk}}
                if model:
                    data["model"] = model
                report = self.http.json("POST", "/api/v1/admin/recognition/import", data)
                added += report.get("faces_added", 0)
                if report.get("issues"):
                    log("(e) import issues: %s" % report["issues"][:5])
            log("(e) imported %d faces in %.1f s (%d per request)"
                % (added, time.monotonic() - t, self.args.import_chunk))
            cache = self.http.get("/api/v1/cache-stats").get("cache_info", {}).get(company, {})
            frame = open(FRAME, "rb").read()
            expected = people_of(FRAME_PERSON_PHOTO, people)

            def recognize():
                t = time.monotonic()
                out = self.http.multipart("/api/v1/companies/%s/recognize" % company, {}, {"file": ("frame.jpg", frame)},
                                          expect=(200,))
                return (time.monotonic() - t) * 1000, out

            for _ in range(self.args.warmup):
                recognize()
            w = Window(self.proc, self.heap)
            results = [recognize() for _ in range(self.args.recognize_requests)]
            w.close()
            lat = [r[0] for r in results]
            right = sum(1 for r in results if r[1].get("user_id") == expected)
            conf = statistics.median(r[1].get("confidence") or 0 for r in results)
            self.row("**(e) recognize** 640x480", len(lat), w, len(lat) / w.seconds,
                     latency="p50 %.0f / p99 %.0f" % (pct(lat, 50), pct(lat, 99)),
                     notes="%s faces imported (%d real of %d people + synthetic), cache %s; answer %s in %d/%d "
                     "(median confidence %.3f); rate = req/s"
                     % (added, len(real), len(people), "in memory" if cache.get("in_memory") else cache or "?",
                        expected, right, len(lat), conf))
        finally:
            if not self.args.keep:
                self.http.call("DELETE", "/api/v1/companies/" + company)


def identities():
    """People of the data set (pairs.csv and pairs-balanced.csv 'Yes' pairs joined): person -> up to 2 photos.
    The frame's own photo (img2.jpg) is never enrolled; multi-face photos are left out."""
    parent = {}

    def find(x):
        while parent.setdefault(x, x) != x:
            x = parent[x]
        return x

    for name in ("pairs.csv", "pairs-balanced.csv"):
        with open(os.path.join(ROOT, "testdata", "deepface-pairs", name)) as f:
            for r in csv.DictReader(f):
                if r["Decision"] == "Yes":
                    parent[find(r["file_x"])] = find(r["file_y"])
    groups = {}
    for f in sorted(parent, key=lambda s: (len(s), s)):
        groups.setdefault(find(f), []).append(f)
    people = {}
    for members in groups.values():
        members = [m for m in members if m != ANALYZE_PHOTO_2 and os.path.exists(os.path.join(IMAGES, m))]
        if FRAME_PERSON_PHOTO in members:
            members.remove(FRAME_PERSON_PHOTO)
            members.insert(0, FRAME_PERSON_PHOTO)
        if members:
            people["person-" + members[0].rsplit(".", 1)[0]] = members[:2]
    return people


def people_of(photo, people):
    return next((p for p, files in people.items() if photo in files), None)


# ------------------------------------------------------------------ report
def report(bench, args, proc, heap, load_before, load_after, started, elapsed):
    env = proc.environ()
    lines = []
    lines.append("Visage throughput benchmark (./visage bench %s)" % " ".join(sys.argv[1:]))
    lines.append("")
    lines.append("| case | n | s | photos/s (req/s) | faces/s | latency ms | CPU ms/photo (req) | heap MiB | notes |")
    lines.append("|---|---:|---:|---:|---:|---|---:|---:|---|")
    for r in bench.rows:
        lines.append("| " + " | ".join(r) + " |")
    if bench.stages:
        stages = ["fetch", "decode", "detect", "align_crop", "quality", "embed", "dedup", "artifact_paths",
                  "store_artifacts", "index", "update_metrics", "result", "total"]
        extra = sorted({s for v in bench.stages.values() for s in v} - set(stages))
        cases = [c for c in ("a", "b", "c") if c in bench.stages]
        lines.append("| stage ms/photo (wall, /api/v1/stats) | " + " | ".join("(%s)" % c for c in cases)
                     + " |" + " |" * (8 - len(cases)))
        for s in stages + extra:
            if any(s in bench.stages[c] for c in cases):
                cells = ["%.1f" % bench.stages[c][s][0] if s in bench.stages[c] else "" for c in cases]
                lines.append("| %s | %s |%s" % (s, " | ".join(cells), " |" * (8 - len(cases))))
    lines.append("")
    lines.append("machine: nproc %d, %s, %.1f GiB RAM; load average before %s, after %s; %s UTC, %.0f s"
                 % (os.cpu_count() or 0, cpu_model(), mem_gib(), load_before, load_after, started, elapsed))
    if env is None:
        lines.append("settings: unknown (no Liberty process found on this machine: VISAGE_BENCH_PID)")
    else:
        lines.append("settings: " + ", ".join("%s=%s" % (k, env[k]) if k in env else "%s unset (default %s)" % (k, d or "none")
                                              for k, d in SETTINGS))
    lines.append("heap: high-water %.0f MiB of max %s (%s every 0.5 s, %d samples); CPU = Liberty's utime+stime "
                 "(/proc/%s/stat) over the window / photos (requests)"
                 % (heap.overall / 2 ** 20, "%.0f MiB" % (heap.max_heap / 2 ** 20) if heap.max_heap else "?",
                    heap.source or "no heap metric", heap.samples, proc.pid or "?"))
    return "\n".join(lines)


def mem_gib():
    try:
        with open("/proc/meminfo") as f:
            return int(f.readline().split()[1]) / 2 ** 20
    except OSError:
        return 0.0


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--passes", type=int, default=3, help="passes of (a) and (b), each under a fresh tenant (3)")
    ap.add_argument("--warmup-passes", type=int, default=0,
                    help="(a) passes run first and not reported, so that the JIT has compiled the pipeline (0)")
    ap.add_argument("--only", default="a,b,c,d,e", help="cases to run, e.g. a,b or d (all); (b) reuses (a)'s tenants, alone it runs one pass of (a) first")
    ap.add_argument("--requests", type=int, default=30, help="(d) requests per photo and concurrency (30)")
    ap.add_argument("--recognize-requests", type=int, default=100, help="(e) timed requests (100)")
    ap.add_argument("--warmup", type=int, default=3, help="(d)/(e) warm-up requests (3)")
    ap.add_argument("--concurrency", type=int, default=4, help="(d) concurrency of the throughput run (4)")
    ap.add_argument("--upload-concurrency", type=int, default=4, help="(a) uploads at once (4)")
    ap.add_argument("--digest-threads", type=int, default=4, help="(c) the digest's threads (4)")
    ap.add_argument("--gallery", type=int, default=10000, help="(e) faces in the company (10000)")
    ap.add_argument("--noise", type=float, default=0.6,
                    help="(e) synthetic face = real embedding + Gaussian noise of this norm, normalised (0.6)")
    ap.add_argument("--import-chunk", type=int, default=500, help="(e) faces per import request (500)")
    ap.add_argument("--timeout", type=float, default=1800, help="seconds to wait for a pass or digest (1800)")
    ap.add_argument("--keep", action="store_true", help="(e) keep the benchmark company")
    ap.add_argument("--out", help="also write the report to this file")
    args = ap.parse_args()
    only = {c.strip() for c in args.only.split(",") if c.strip()}
    if not only <= set("abcde"):
        ap.error("--only takes letters of a,b,c,d,e")
    base = os.environ.get("VISAGE_BENCH_URL", "http://127.0.0.1:%s" % os.environ.get("VISAGE_HTTP_PORT", "9080"))
    key = os.environ.get("VISAGE_ADMIN_KEY")
    if not key:
        sys.exit("VISAGE_ADMIN_KEY is not set")
    args.digest_root = os.environ.get("VISAGE_BENCH_DIGEST_ROOT") or os.path.join(ROOT, ".work", "digest")
    http = Http(base, key)
    try:
        urllib.request.urlopen(base + "/health/ready", timeout=10).read()
    except Exception as e:  # noqa: BLE001
        sys.exit("Visage is not ready at %s (%s): start it with ./visage up" % (base, e))
    proc = Process(os.environ.get("VISAGE_BENCH_PID"))
    if not proc.pid:
        log("no local Liberty process: CPU ms per photo and settings are left out")
    heap = HeapSampler(http)
    heap.start()
    started = time.strftime("%Y-%m-%d %H:%M", time.gmtime())
    load_before = loadavg()
    t0 = time.monotonic()
    bench = Bench(args, http, proc, heap)
    log("run %s against %s: cases %s" % (bench.run_id, base, ",".join(sorted(only))))
    failed = 0
    for case in "abcde":
        if case in only:
            log("case (%s)" % case)
            try:
                getattr(bench, "case_" + case)()
            except Exception as e:  # noqa: BLE001 - report it in the table, run the other cases
                failed += 1
                log("case (%s) FAILED: %s" % (case, e))
                bench.rows.append(("**(%s) FAILED**" % case, "", "", "", "", "", "", "", str(e)[:200].replace("|", "/")))
    heap.stop.set()
    heap.join(2)
    text = report(bench, args, proc, heap, load_before, loadavg(), started, time.monotonic() - t0)
    print(text)
    if args.out:
        with open(args.out, "w") as f:
            f.write(text + "\n")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
