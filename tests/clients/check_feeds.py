"""Reads every Atom feed and iCalendar file of a built site with the
libraries feed readers and calendar apps are built on (feedparser,
icalendar), and checks what they see. Usage: check_feeds.py OUTPUT_DIR"""
import pathlib
import sys

import feedparser
import icalendar

out = pathlib.Path(sys.argv[1])
feeds = sorted(out.rglob("feed.xml"))
calendars = sorted(out.rglob("calendar.ics"))
assert feeds and calendars, "no feeds or calendars"
for path in feeds:
    parsed = feedparser.parse(path.read_bytes())
    assert not parsed.bozo, f"{path}: {parsed.bozo_exception}"
    assert parsed.feed.title, path
    for entry in parsed.entries:
        assert entry.title and entry.id and entry.link and entry.updated_parsed, (path, entry)
for path in calendars:
    cal = icalendar.Calendar.from_ical(path.read_bytes())
    for event in cal.walk("VEVENT"):
        for key in ("UID", "DTSTAMP", "DTSTART", "SUMMARY"):
            assert key in event, (path, key)
        if "DTEND" in event:
            assert event["DTEND"].dt > event["DTSTART"].dt, (path, event["SUMMARY"])
    # Folded lines stay within 75 octets (RFC 5545, 3.1).
    for line in path.read_bytes().split(b"\r\n"):
        assert len(line) <= 75, (path, line)
print(f"{len(feeds)} feeds and {len(calendars)} calendars read cleanly")
