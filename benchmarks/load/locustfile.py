"""Locust users of the load scenario; started by `run.py`, which writes LOAD_DATA (tokens,
session cookies, ids). Every request checks its status: anything else counts as an error."""

import itertools
import json
import math
import os
import random

from locust import HttpUser, between, task

DATA = json.loads(open(os.environ["LOAD_DATA"], encoding="utf-8").read())  # noqa: SIM115
# Nominations a member has voted on, waiting for the secretary to record the recommendation
# (locust runs every user in this one process).
VOTED: list[int] = []
# Two gunicorn processes on two ports stand for two web hosts: each user is given one of them in
# turn (LOAD_HOSTS, comma-separated; else locust's --host). run.py sets the users per role.
HOSTS = [h for h in os.environ.get("LOAD_HOSTS", "").split(",") if h]
_hosts = itertools.count()
OFFICERS = int(os.environ.get("LOAD_OFFICERS", "3"))
MEMBERS = int(os.environ.get("LOAD_MEMBERS", "3"))
ADMINS = int(os.environ.get("LOAD_ADMINS", "2"))


def pick_host(user: HttpUser) -> None:
    if HOSTS:
        user.client.base_url = HOSTS[next(_hosts) % len(HOSTS)]


def expect(response, status: int) -> None:
    if response.status_code != status:
        response.failure(f"{response.status_code}: {response.text[:200]}")
    else:
        response.success()


class OfficerUser(HttpUser):
    """A unit officer creates a nomination and submits it (API)."""

    fixed_count = OFFICERS
    wait_time = between(0.5, 1.5)
    _next = 0

    def on_start(self) -> None:
        pick_host(self)
        me = DATA["officers"][OfficerUser._next % len(DATA["officers"])]
        OfficerUser._next += 1
        self.client.headers["Authorization"] = f"Token {me['token']}"
        self.unit = me["unit"]
        self.count = 0

    @task
    def create_and_submit(self) -> None:
        self.count += 1
        payload = {
            "campaign": DATA["campaign"],
            "unit": self.unit,
            "award_type": DATA["award"],
            "nominee_kind": "individual",
            "nominee_name": f"Lê Thị Tải {self.unit}-{id(self)}-{self.count}",
            "rank": "Thượng úy",
            "position": "Cán bộ",
            "achievement_summary": "Hoàn thành xuất sắc nhiệm vụ.",
        }
        with self.client.post(
            "/api/v1/nominations/", json=payload, name="/api/v1/nominations/",
            catch_response=True,
        ) as response:  # fmt: skip
            expect(response, 201)
            if response.status_code != 201:
                return
            pk = response.json()["id"]
        with self.client.post(
            f"/api/v1/nominations/{pk}/transitions/submit/",
            json={},
            name="/api/v1/nominations/<id>/transitions/submit/",
            catch_response=True,
        ) as response:
            expect(response, 200)


class MemberUser(HttpUser):
    """A committee member filters the review queue (web page) and votes in the session (API)."""

    fixed_count = MEMBERS
    wait_time = between(0.5, 1.5)
    _next = 0

    def on_start(self) -> None:
        pick_host(self)
        accounts = DATA["members"]
        index = MemberUser._next
        MemberUser._next += 1
        me = accounts[index % len(accounts)]
        # Several users on one account (more users than members) vote on disjoint shares.
        copies = math.ceil(MEMBERS / len(accounts))
        self.token = me["token"]
        self.cookie = me["cookie"]
        self.todo = list(me["submitted"][index // len(accounts) :: copies])

    @task(3)
    def filter_queue(self) -> None:
        params = random.choice(
            [
                {"state": "submitted", "unit": random.choice(DATA["units"]), "sort": "name"},
                {"state": "submitted", "q": random.choice(["Nguyễn", "Trần", "Lê"])},
                {"state": "recommended", "sort": "unit", "page": random.randint(1, 5)},
                {"state": "submitted", "nominee_kind": "individual", "sort": "-submitted"},
            ]
        )
        with self.client.get(
            "/review/", params=params, name="/review/ [filtered]", allow_redirects=False,
            headers={"Cookie": f"sessionid={self.cookie}"}, catch_response=True,
        ) as response:  # fmt: skip
            expect(response, 200)

    @task(1)
    def vote(self) -> None:
        if not self.todo:
            return
        pk = self.todo.pop()
        with self.client.post(
            f"/api/v1/committee-sessions/{DATA['session']}/votes/",
            json={"nomination": pk, "choice": "for"},
            headers={"Authorization": f"Token {self.token}"},
            name="/api/v1/committee-sessions/<id>/votes/",
            catch_response=True,
        ) as response:
            expect(response, 200)
            if response.status_code == 200:
                VOTED.append(pk)


class SecretaryUser(HttpUser):
    """The committee's secretary records the session's recommendation for the nominations the
    members have voted on (API; the tally is computed from their votes, never sent)."""

    fixed_count = 1
    wait_time = between(1, 2)

    def on_start(self) -> None:
        pick_host(self)
        self.client.headers["Authorization"] = f"Token {DATA['secretary']['token']}"

    @task
    def recommend(self) -> None:
        if not VOTED:
            return
        batch = [VOTED.pop() for _ in range(min(len(VOTED), 5))]
        with self.client.post(
            f"/api/v1/committee-sessions/{DATA['session']}/recommend/",
            json={"nominations": batch, "comment": "Biên bản phiên họp"},
            name="/api/v1/committee-sessions/<id>/recommend/",
            catch_response=True,
        ) as response:
            expect(response, 200)


class DirectorUser(HttpUser):
    """The director issues the 500-nomination decision once, then reads their queue."""

    fixed_count = 1
    wait_time = between(1, 2)

    def on_start(self) -> None:
        pick_host(self)
        self.client.headers["Authorization"] = f"Token {DATA['director']['token']}"
        with self.client.post(
            f"/api/v1/decisions/{DATA['decision']}/issue/",
            name="/api/v1/decisions/<id>/issue/ (500 nominations)",
            catch_response=True,
        ) as response:
            expect(response, 200)

    @task
    def decisions(self) -> None:
        with self.client.get(
            "/api/v1/decisions/", name="/api/v1/decisions/", catch_response=True
        ) as response:
            expect(response, 200)


class ClerkUser(HttpUser):
    """The clerk starts certificate generation once the decision is issued and polls it."""

    fixed_count = 1
    wait_time = between(1, 2)

    def on_start(self) -> None:
        pick_host(self)
        self.client.headers["Authorization"] = f"Token {DATA['clerk']['token']}"
        self.started = False

    @task
    def certificates(self) -> None:
        decision = DATA["decision"]
        if not self.started:
            with self.client.get(
                f"/api/v1/decisions/{decision}/", name="/api/v1/decisions/<id>/",
                catch_response=True,
            ) as response:  # fmt: skip
                expect(response, 200)
                if response.status_code != 200 or response.json()["state"] != "issued":
                    return
                if response.json().get("awaits_seal"):
                    # Nghị định 30 Art. 13: the certificates are made after the signer's
                    # signature and the seal, which no one gives during a load run; the clerk
                    # watches the decision's progress as the page does
                    self.started = True
                    return
            with self.client.post(
                f"/api/v1/decisions/{decision}/certificates/generate/",
                name="/api/v1/decisions/<id>/certificates/generate/",
                catch_response=True,
            ) as response:
                expect(response, 202)
                self.started = response.status_code == 202
            return
        with self.client.get(
            f"/api/v1/decisions/{decision}/progress/",
            name="/api/v1/decisions/<id>/progress/",
            catch_response=True,
        ) as response:
            expect(response, 200)


class AdminUser(HttpUser):
    """The baseline: the Django admin changelist of nominations over the same data."""

    fixed_count = ADMINS
    wait_time = between(0.5, 1.5)

    def on_start(self) -> None:
        pick_host(self)
        self.client.headers["Cookie"] = f"sessionid={DATA['admin']['cookie']}"

    @task
    def changelist(self) -> None:
        with self.client.get(
            "/admin/commendations/nomination/",
            name="/admin/commendations/nomination/ [changelist]",
            allow_redirects=False,
            catch_response=True,
        ) as response:
            expect(response, 200)
