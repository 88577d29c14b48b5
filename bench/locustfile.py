"""A social worker's day, for Locust, against a running server (`python -m bench.load`).

Each simulated user logs in through the real login page as one of the bench's workers
(several agencies; the accounts, their cases, needs, referrals and what they search
for come from the plan file named by LOAD_PLAN, written by bench.load.plan), then
does a mix of real work: the home page, a client search, a case page, a progress
note, matching for a need (the need's page), and a referral's status change (the
referral's page, then its status form). Every answer is checked: a page must answer
200, a form must redirect as it does when saved; anything else is a failure.

Run by bench.load (and bench/tests/test_load.py), not imported by the app: Locust
patches the standard library with gevent when it starts.
"""

from __future__ import annotations

import itertools
import json
import os
import random
import re
from datetime import date
from pathlib import Path

import gevent
from locust import FastHttpUser, between, task

PLAN = json.loads(Path(os.environ["LOAD_PLAN"]).read_text())
THINK_S = float(os.environ.get("LOAD_THINK_S", "0.1"))
# a test's run (bench/tests/test_load.py): each user does every kind of work once, in
# order, and the run ends when all have, however slow the machine is
TOUR = os.environ.get("LOAD_TOUR") == "1"
_accounts = itertools.cycle(PLAN["users"])
_toured = []
_VERSION = re.compile(r'name="version" value="(\d+)"')


class SocialWorker(FastHttpUser):
    wait_time = between(0, THINK_S)

    def on_start(self) -> None:
        self.account = next(_accounts)
        self.rng = random.Random(self.account["username"])
        self.client.get("/login/", name="login page")
        with self.client.post(
            "/login/",
            data={
                "username": self.account["username"],
                "password": PLAN["password"],
                "csrfmiddlewaretoken": self.csrf(),
            },
            allow_redirects=False,
            catch_response=True,
            name="login",
        ) as response:
            if response.status_code != 302:
                response.failure(f"login as {self.account['username']}: {response.status_code}")
        if TOUR:
            for work in (self.home, self.search, self.case_page, self.add_note, self.matching,
                         self.referral_status):  # fmt: skip
                work()
            _toured.append(self.account["username"])
            if len(_toured) == self.environment.parsed_options.num_users:
                gevent.spawn(self.environment.runner.quit)

    def csrf(self) -> str:
        return next(
            (c.value for c in self.client.cookiejar if c.name == "csrftoken"), ""
        )  # rotated at login: read it again for every form

    def page(self, path: str, name: str) -> str:
        with self.client.get(path, name=name, catch_response=True) as response:
            if response.status_code != 200:
                response.failure(f"{path} answered {response.status_code}")
            return response.text or ""

    def form(self, path: str, data: dict, name: str, then: str | None = None) -> None:
        """POST a form as the page does; saved means a redirect (to `then` when given)."""
        data = data | {"csrfmiddlewaretoken": self.csrf()}
        with self.client.post(
            path, data=data, name=name, allow_redirects=False, catch_response=True
        ) as response:
            location = response.headers.get("location", "")
            if response.status_code != 302 or (then and not location.endswith(then)):
                response.failure(f"{path} answered {response.status_code} {location}")
                return
        self.page(location, f"{name} → page")

    @task(3)
    def home(self) -> None:
        self.page("/", "home")

    @task(2)
    def search(self) -> None:
        # a POST redirects to its kept results (Back shows them again), as in the browser
        self.form("/clients/", {"q": self.rng.choice(self.account["searches"])}, "client search")

    @task(3)
    def case_page(self) -> None:
        self.page(f"/cases/{self.rng.choice(self.account['cases'])}/", "case page")

    @task(1)
    def add_note(self) -> None:
        case = self.rng.choice(self.account["cases"])
        self.form(
            f"/cases/{case}/notes/",
            {
                "occurred_on": date.today().isoformat(),
                "kind": "phone",
                "practice_role": "general",
                "confidentiality": "normal",
                "body": "Menelepon klien: kondisi stabil, kunjungan rumah minggu depan.",
            },
            "add note",
            then=f"/cases/{case}/",
        )

    @task(2)
    def matching(self) -> None:
        if self.account["needs"]:
            self.page(f"/needs/{self.rng.choice(self.account['needs'])}/", "matching (need page)")

    @task(1)
    def referral_status(self) -> None:
        if not self.account["referrals"]:
            return
        pk = self.rng.choice(self.account["referrals"])
        html = self.page(f"/referrals/{pk}/", "referral page")
        # accepted → on hold → in progress → on hold …: a cycle the worker records
        # for a provider outside Pendamping
        to = "on_hold" if 'value="on_hold"' in html else "in_progress"
        version = _VERSION.search(html.split(f'action="/referrals/{pk}/status/"', 1)[-1])
        if not version:
            return  # the page already counted its failure
        self.form(
            f"/referrals/{pk}/status/",
            {"to_status": to, "reason": "Kabar dari penyedia layanan.", "version": version[1]},
            "referral status",
            then=f"/referrals/{pk}/",
        )
