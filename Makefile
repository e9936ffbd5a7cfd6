# congvan — plain Makefile with pkg-config.
#   make                      build ./congvan, ./congvan-full and ./congvan-reader
#   make check                unit + integration tests (installs packages when missing)
#   make SANITIZE=address,undefined check
#   make demo | bench | fuzz | install PREFIX=... DESTDIR=... | clean | format-check
#   make deb                  the Debian package, ./congvan_VERSION-1_ARCH.deb

VERSION := 0.1.0
PREFIX ?= /usr/local
DESTDIR ?=
BINDIR = $(PREFIX)/bin
LIBEXECDIR = $(PREFIX)/lib/congvan
DATADIR = $(PREFIX)/share/congvan
MANDIR = $(PREFIX)/share/man
SYSCONFDIR ?= /etc
UNITDIR ?= $(PREFIX)/lib/systemd/system

CC ?= cc
PKGS = libetpan libcurl sqlite3 inih nettle gnutls libxml-2.0 libutf8proc opendkim \
	libical libmicrohttpd libsystemd
PKG_CFLAGS := $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
# Debian's libetpan.pc leaks its own build's link flags (-specs=...no-pie...),
# which would make congvan a non-PIE executable: left out.
PKG_LIBS := $(filter-out -specs=%,$(shell pkg-config --libs $(PKGS) 2>/dev/null))
# Only congvan-reader, the sandboxed reader of untrusted documents, links
# these: congvan itself starts without loading them.
READER_PKGS = poppler-glib cairo tesseract lept nss libarchive libxml-2.0 \
	libgsf-1
READER_CFLAGS := $(shell pkg-config --cflags $(READER_PKGS) 2>/dev/null)
READER_LIBS := $(shell pkg-config --libs $(READER_PKGS) 2>/dev/null) -lm

CFLAGS ?= -O2 -g
CFLAGS += -std=c11 -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes \
	-Wno-unused-parameter -D_GNU_SOURCE -Iinclude $(PKG_CFLAGS) \
	-DCONGVAN_VERSION='"$(VERSION)"' -DCONGVAN_DATADIR='"$(DATADIR)"' \
	-DCONGVAN_LIBEXECDIR='"$(LIBEXECDIR)"'
LDLIBS += $(PKG_LIBS)

ifneq ($(SANITIZE),)
CFLAGS += -fsanitize=$(SANITIZE) -fno-omit-frame-pointer -fno-sanitize-recover=all
LDFLAGS += -fsanitize=$(SANITIZE)
BUILD := build/san
else
BUILD := build/default
endif

LIB_SRC := $(filter-out src/cli/main.c,$(wildcard src/*/*.c))
LIB_OBJ := $(LIB_SRC:%.c=$(BUILD)/%.o)
MAIN_OBJ := $(BUILD)/src/cli/main.o
# congvan is main.c built as the front (CLI_FRONT): the commands that only
# read the database, linked --as-needed so that none of the mail libraries
# is loaded; it executes congvan-full for the others.
FRONT_OBJ := $(BUILD)/src/cli/front.o
READER_SRC := $(wildcard src/reader/helper/*.c)
READER_OBJ := $(READER_SRC:%.c=$(BUILD)/%.o)
UNIT_SRC := $(wildcard tests/unit/test_*.c)
UNIT_BIN := $(UNIT_SRC:tests/unit/%.c=$(BUILD)/tests/%)

.PHONY: all check check-unit check-integration deps demo bench fuzz install \
	clean format format-check man deb

all: congvan congvan-full congvan-reader man

# Copied whenever they differ, so switching SANITIZE never leaves a stale one.
congvan: $(BUILD)/congvan FORCE
	@cmp -s $< $@ || cp $< $@

congvan-full: $(BUILD)/congvan-full FORCE
	@cmp -s $< $@ || cp $< $@

congvan-reader: $(BUILD)/congvan-reader FORCE
	@cmp -s $< $@ || cp $< $@

FORCE:

$(BUILD)/congvan: $(FRONT_OBJ) $(BUILD)/libcongvan.a
	$(CC) $(LDFLAGS) -o $@ $^ -Wl,--as-needed $(LDLIBS)

$(BUILD)/congvan-full: $(MAIN_OBJ) $(BUILD)/libcongvan.a
	$(CC) $(LDFLAGS) -o $@ $^ $(LDLIBS)

$(FRONT_OBJ): src/cli/main.c
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) -DCLI_FRONT -MMD -MP -c -o $@ $<

$(BUILD)/congvan-reader: $(READER_OBJ) $(BUILD)/libcongvan.a
	$(CC) $(LDFLAGS) -o $@ $^ $(READER_LIBS)

$(READER_OBJ): CFLAGS += $(READER_CFLAGS)

$(BUILD)/libcongvan.a: $(LIB_OBJ)
	rm -f $@
	ar rcs $@ $^

$(BUILD)/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -MMD -MP -c -o $@ $<

$(BUILD)/tests/%: tests/unit/%.c $(BUILD)/libcongvan.a
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) $(shell pkg-config --cflags cmocka 2>/dev/null) -o $@ $< \
		$(BUILD)/libcongvan.a $(LDFLAGS) $(LDLIBS) \
		$(shell pkg-config --libs cmocka 2>/dev/null)

$(BUILD)/bench_parse $(BUILD)/gen_register: $(BUILD)/%: tests/bench/%.c \
		$(BUILD)/libcongvan.a
	$(CC) $(CFLAGS) -o $@ $< $(BUILD)/libcongvan.a $(LDFLAGS) $(LDLIBS)

-include $(LIB_OBJ:.o=.d) $(MAIN_OBJ:.o=.d) $(FRONT_OBJ:.o=.d) $(READER_OBJ:.o=.d)

# Manual pages and the systemd unit carry the install paths: made again on
# every build (they are small), so that PREFIX always shows in them.
# congvan.conf(5) is made from config.example (contrib/man/conf2man.awk).
MAN_DATE := $(shell date -u -d @$${SOURCE_DATE_EPOCH:-$$(stat -c %Y config.example)} \
	+%Y-%m-%d 2>/dev/null)
GENERATED = build/man/congvan.8 build/man/congvan.conf.5 build/systemd/congvan.service
SUBST = sed -e 's|@VERSION@|$(VERSION)|g' -e 's|@DATE@|$(MAN_DATE)|g' \
	-e 's|@BINDIR@|$(BINDIR)|g' -e 's|@SYSCONFDIR@|$(SYSCONFDIR)|g' \
	-e 's|@DATADIR@|$(DATADIR)|g' -e 's|@LIBEXECDIR@|$(LIBEXECDIR)|g'

man: $(GENERATED)

build/man/congvan.conf.5: config.example contrib/man/conf2man.awk FORCE
	@mkdir -p $(dir $@)
	@awk -v version=$(VERSION) -v date=$(MAN_DATE) -v datadir=$(DATADIR) \
		-f contrib/man/conf2man.awk config.example >$@.tmp
	@cmp -s $@.tmp $@ && rm $@.tmp || mv $@.tmp $@

build/man/congvan.8: contrib/man/congvan.8.in FORCE
	@mkdir -p $(dir $@)
	@$(SUBST) $< >$@.tmp
	@cmp -s $@.tmp $@ && rm $@.tmp || mv $@.tmp $@

build/systemd/congvan.service: contrib/systemd/congvan.service.in FORCE
	@mkdir -p $(dir $@)
	@$(SUBST) $< >$@.tmp
	@cmp -s $@.tmp $@ && rm $@.tmp || mv $@.tmp $@

deps:
	@contrib/install-deps --if-missing

check: deps
	@$(MAKE) --no-print-directory congvan congvan-full congvan-reader $(UNIT_BIN) \
		$(BUILD)/gen_register
	@BUILD=$(BUILD) tests/run-all.sh $(UNIT_BIN)

check-unit: deps
	@$(MAKE) --no-print-directory $(UNIT_BIN)
	@tests/run-all.sh --unit-only $(UNIT_BIN)

check-integration: deps
	@$(MAKE) --no-print-directory congvan congvan-full congvan-reader \
		$(BUILD)/gen_register
	@BUILD=$(BUILD) tests/run-all.sh --integration-only

demo: deps
	@$(MAKE) --no-print-directory congvan congvan-full congvan-reader
	@contrib/demo.sh

bench: deps
	@$(MAKE) --no-print-directory congvan congvan-full congvan-reader \
		$(BUILD)/bench_parse $(BUILD)/gen_register
	@BUILD=$(BUILD) contrib/bench.sh

fuzz:
	@contrib/fuzz.sh

# The Debian package (contrib/debian) installs exactly this.
install: congvan congvan-full congvan-reader man
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(DATADIR)/templates/vi \
		$(DESTDIR)$(DATADIR)/templates/en $(DESTDIR)$(SYSCONFDIR)/congvan \
		$(DESTDIR)$(MANDIR)/man8 $(DESTDIR)$(MANDIR)/man5 $(DESTDIR)$(UNITDIR) \
		$(DESTDIR)$(LIBEXECDIR)
	install -m 0755 congvan $(DESTDIR)$(BINDIR)/congvan
	install -m 0755 congvan-reader $(DESTDIR)$(LIBEXECDIR)/congvan-reader
	install -m 0755 congvan-full $(DESTDIR)$(LIBEXECDIR)/congvan-full
	install -m 0644 build/man/congvan.8 $(DESTDIR)$(MANDIR)/man8/congvan.8
	install -m 0644 build/man/congvan.conf.5 $(DESTDIR)$(MANDIR)/man5/congvan.conf.5
	install -m 0644 build/systemd/congvan.service $(DESTDIR)$(UNITDIR)/congvan.service
	install -m 0644 templates/vi/* $(DESTDIR)$(DATADIR)/templates/vi/
	install -m 0644 templates/en/* $(DESTDIR)$(DATADIR)/templates/en/
	install -m 0644 config.example $(DESTDIR)$(DATADIR)/config.example
	install -m 0644 data/holidays-vn.txt $(DESTDIR)$(DATADIR)/holidays-vn.txt

deb:
	@contrib/build-deb

clean:
	rm -rf build congvan congvan-full congvan-reader

FORMAT_FILES = $(wildcard src/*/*.c src/*/*.h src/reader/helper/*.[ch] \
	include/congvan/*.h tests/unit/*.c tests/fuzz/*.c tests/bench/*.c)

format:
	clang-format -i $(FORMAT_FILES)

format-check:
	@clang-format --dry-run --Werror $(FORMAT_FILES) && echo "format ok"
