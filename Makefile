# congvan — plain Makefile with pkg-config.
#   make                      build ./congvan
#   make check                unit + integration tests (installs packages when missing)
#   make SANITIZE=address,undefined check
#   make demo | bench | fuzz | install PREFIX=... DESTDIR=... | clean | format-check

VERSION := 0.1.0
PREFIX ?= /usr/local
DESTDIR ?=
BINDIR = $(PREFIX)/bin
DATADIR = $(PREFIX)/share/congvan
SYSCONFDIR ?= /etc

CC ?= cc
PKGS = libetpan libcurl sqlite3 inih nettle gnutls libxml-2.0 libutf8proc poppler-glib opendkim \
	libical libmicrohttpd
PKG_CFLAGS := $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS := $(shell pkg-config --libs $(PKGS) 2>/dev/null)

CFLAGS ?= -O2 -g
CFLAGS += -std=c11 -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes \
	-Wno-unused-parameter -D_GNU_SOURCE -Iinclude $(PKG_CFLAGS) \
	-DCONGVAN_VERSION='"$(VERSION)"' -DCONGVAN_DATADIR='"$(DATADIR)"'
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
UNIT_SRC := $(wildcard tests/unit/test_*.c)
UNIT_BIN := $(UNIT_SRC:tests/unit/%.c=$(BUILD)/tests/%)

.PHONY: all check check-unit check-integration deps demo bench fuzz install \
	clean format format-check

all: congvan

# Copied whenever it differs, so switching SANITIZE never leaves a stale one.
congvan: $(BUILD)/congvan FORCE
	@cmp -s $< $@ || cp $< $@

FORCE:

$(BUILD)/congvan: $(MAIN_OBJ) $(BUILD)/libcongvan.a
	$(CC) $(LDFLAGS) -o $@ $^ $(LDLIBS)

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

-include $(LIB_OBJ:.o=.d) $(MAIN_OBJ:.o=.d)

deps:
	@contrib/install-deps --if-missing

check: deps
	@$(MAKE) --no-print-directory congvan $(UNIT_BIN)
	@tests/run-all.sh $(UNIT_BIN)

check-unit: deps
	@$(MAKE) --no-print-directory $(UNIT_BIN)
	@tests/run-all.sh --unit-only $(UNIT_BIN)

check-integration: deps
	@$(MAKE) --no-print-directory congvan
	@tests/run-all.sh --integration-only

demo: deps
	@$(MAKE) --no-print-directory congvan
	@contrib/demo.sh

bench: deps
	@$(MAKE) --no-print-directory congvan $(BUILD)/bench_parse \
		$(BUILD)/gen_register
	@BUILD=$(BUILD) contrib/bench.sh

fuzz:
	@contrib/fuzz.sh

install: congvan
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(DATADIR)/templates/vi \
		$(DESTDIR)$(DATADIR)/templates/en $(DESTDIR)$(SYSCONFDIR)/congvan
	install -m 0755 congvan $(DESTDIR)$(BINDIR)/congvan
	install -m 0644 templates/vi/* $(DESTDIR)$(DATADIR)/templates/vi/
	install -m 0644 templates/en/* $(DESTDIR)$(DATADIR)/templates/en/
	install -m 0644 config.example $(DESTDIR)$(DATADIR)/config.example
	install -m 0644 data/holidays-vn.txt $(DESTDIR)$(DATADIR)/holidays-vn.txt

clean:
	rm -rf build congvan

FORMAT_FILES = $(wildcard src/*/*.c src/*/*.h include/congvan/*.h tests/unit/*.c \
	tests/fuzz/*.c tests/bench/*.c)

format:
	clang-format -i $(FORMAT_FILES)

format-check:
	@clang-format --dry-run --Werror $(FORMAT_FILES) && echo "format ok"
