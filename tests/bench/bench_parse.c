/* Parse throughput for `make bench`: every .eml of a folder is read into
 * memory, then inspected (MIME, classification, letter metadata, reply
 * text) in a loop on one core; PDF text extraction through
 * congvan-reader (a process per PDF, as intake runs it) is timed apart,
 * in pages per second.   bench_parse DIR [SECONDS] */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "congvan/inspect.h"
#include "congvan/reader.h"
#include "congvan/util.h"

struct corpus {
	char **data;
	size_t *len;
	size_t n, bytes;
};

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int load(const char *dir, struct corpus *c)
{
	DIR *d = opendir(dir);
	struct dirent *e;

	if (!d) {
		perror(dir);
		return -1;
	}
	while ((e = readdir(d)) != NULL) {
		size_t n = strlen(e->d_name);
		char *path;

		if (n < 5 || strcmp(e->d_name + n - 4, ".eml") != 0) {
			continue;
		}
		c->data = xrealloc(c->data, (c->n + 1) * sizeof(*c->data));
		c->len = xrealloc(c->len, (c->n + 1) * sizeof(*c->len));
		path = xasprintf("%s/%s", dir, e->d_name);
		if (file_read_all(path, &c->data[c->n], &c->len[c->n]) == 0) {
			c->bytes += c->len[c->n++];
		}
		free(path);
	}
	closedir(d);
	return 0;
}

static const struct message_classify_opts opts = {"congvan.test",
						  "congvan@congvan.test", "CV"};

static void bench_inspect(const struct corpus *c, double seconds)
{
	double start = now(), t;
	size_t rounds = 0, letters = 0;

	do {
		for (size_t i = 0; i < c->n; i++) {
			struct inspection in;

			inspect_message(c->data[i], c->len[i], &opts, NULL,
					&in);
			letters += in.has_letter;
			inspect_free(&in);
		}
		rounds++;
		t = now() - start;
	} while (t < seconds);
	printf("parse: %.0f MB/s (%zu messages, %.1f MB, %zu rounds in %.2f s,"
	       " %zu letters read per round)\n",
	       (double)c->bytes * (double)rounds / t / 1e6, c->n,
	       (double)c->bytes / 1e6, rounds, t, letters / rounds);
}

/* MIME alone (structure, charsets, decoding, hashing), for comparison. */
static void bench_mime(const struct corpus *c, double seconds)
{
	double start = now(), t;
	size_t rounds = 0;

	do {
		for (size_t i = 0; i < c->n; i++) {
			struct mime_doc doc;

			mime_parse(c->data[i], c->len[i], 0, &doc);
			mime_doc_free(&doc);
		}
		rounds++;
		t = now() - start;
	} while (t < seconds);
	printf("mime only: %.0f MB/s\n",
	       (double)c->bytes * (double)rounds / t / 1e6);
}

static void bench_pdf(const struct corpus *c, size_t max)
{
	double start = now();
	size_t pdfs = 0;
	int pages = 0;

	for (size_t i = 0; i < c->n && pdfs < max; i++) {
		struct mime_doc doc;

		mime_parse(c->data[i], c->len[i], MIME_KEEP_PDF, &doc);
		for (size_t j = 0; j < doc.n_attachments; j++) {
			const struct mime_attachment *a = &doc.attachments[j];
			struct reader_result r;

			if (!a->data) {
				continue;
			}
			if (reader_run(NULL, a->data, a->size, 10000, &r,
				       NULL) != READER_OK) {
				fprintf(stderr, "bench_parse: a PDF was not"
						" read (congvan-reader)\n");
			}
			pages += (int)r.n_page;
			pdfs++;
			reader_result_release(&r);
		}
		mime_doc_free(&doc);
	}
	printf("pdf text: %.0f pages/s (%zu PDFs, %d pages, %.2f s,"
	       " including their MIME decoding and a congvan-reader"
	       " process each)\n",
	       (double)pages / (now() - start), pdfs, pages, now() - start);
}

int main(int argc, char **argv)
{
	struct corpus c = {0};

	if (argc < 2 || load(argv[1], &c) < 0 || c.n == 0) {
		fprintf(stderr, "usage: bench_parse DIR [SECONDS]\n");
		return 2;
	}
	bench_inspect(&c, argc > 2 ? atof(argv[2]) : 3.0);
	bench_mime(&c, argc > 2 ? atof(argv[2]) : 3.0);
	bench_pdf(&c, 200);
	for (size_t i = 0; i < c.n; i++) {
		free(c.data[i]);
	}
	free(c.data);
	free(c.len);
	return 0;
}
