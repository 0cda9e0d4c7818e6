"""POST /api/code's coding, bounded: in threads of its own, a few texts at a time, under a time limit.

One Coder is built on first use (loading spaCy takes seconds) and shared: a Coder keeps no state between
documents, so texts are coded at the same time; only building it is locked. At most `workers` texts are
coded at once and `QUEUE_PER_WORKER` times as many wait; a request that finds every place taken is refused
at once (`Busy`, 503). A text not coded within `timeout` seconds is given up (`CodingTimeout`, 503): the
request is answered and the server's other requests go on. The coding is asked to stop: a long text stops
between two of its pieces (Coder.chunk_chars); a coding runs on no longer than one piece's parse or the
stages of one text (the size limit of a posted body bounds those) and keeps its place until it ends.

A server that watches feeds codes them with the same Coder (`engine()`)."""
from __future__ import annotations

import asyncio
import threading
from concurrent.futures import ThreadPoolExecutor
from typing import TYPE_CHECKING

from ..errors import Busy, CodingTimeout
from ..records import CodedDocument, Document, Skipped

if TYPE_CHECKING:
    from ..coder import Coder, CoderOptions
    from ..engine import InProcessEngine

QUEUE_PER_WORKER = 4


class Coding:
    def __init__(self, coder: "Coder | None" = None, options: "CoderOptions | None" = None, workers: int = 2,
                 timeout: float = 30.0):
        self._coder = coder
        self.options = options
        self.timeout = timeout
        self.workers = max(int(workers), 1)
        self._building = threading.Lock()
        self._pool = ThreadPoolExecutor(max_workers=self.workers, thread_name_prefix="detente-code")
        self._places = threading.BoundedSemaphore(self.workers * (1 + QUEUE_PER_WORKER))

    def coder(self) -> "Coder":
        if self._coder is None:
            with self._building:
                if self._coder is None:
                    from ..coder import Coder

                    self._coder = Coder(self.options)
        return self._coder

    def engine(self) -> "InProcessEngine":
        """An engine over the shared Coder (built now if it is not yet), for the feed watcher."""
        from ..engine import InProcessEngine

        return InProcessEngine(self.coder())

    def code_now(self, text: str, date: str | None, stop: threading.Event | None = None) -> CodedDocument | Skipped:
        document = Document(id="api", text=text, date=date, origin="api")
        return next(iter(self.coder().code_documents([document], stop=stop)))

    async def code(self, text: str, date: str | None) -> CodedDocument | Skipped:
        """The text coded in a worker thread, within the time limit."""
        if not self._places.acquire(blocking=False):
            raise Busy("the server is coding as many texts as it takes at once; try again in a moment")
        stop = threading.Event()
        try:
            future = self._pool.submit(self.code_now, text, date, stop)
        except BaseException:
            self._places.release()
            raise
        future.add_done_callback(lambda _: self._places.release())  # when the coding ends, not the request
        try:
            return await asyncio.wait_for(asyncio.wrap_future(future), self.timeout)
        except asyncio.TimeoutError:
            future.cancel()  # a text still waiting is not coded at all,
            stop.set()  # and one being coded stops at its next piece
            raise CodingTimeout(f"coding the text took longer than {self.timeout:g} s and was given up; post a "
                                "shorter text") from None

    def close(self) -> None:
        self._pool.shutdown(wait=False, cancel_futures=True)
