/* Keyed hashes under the service secret: the one HMAC the reply
 * addresses, our Message-IDs and the feed tokens are made with. */
#include <nettle/hmac.h>
#include <string.h>

#include "congvan/util.h"

void util_hmac_hex(const char *secret, const char *purpose, const char *msg,
		   size_t nhex, char *out)
{
	struct hmac_sha256_ctx ctx;
	uint8_t digest[SHA256_DIGEST_SIZE];
	char hex[2 * SHA256_DIGEST_SIZE + 1];

	hmac_sha256_set_key(&ctx, strlen(secret), (const uint8_t *)secret);
	if (purpose) {
		hmac_sha256_update(&ctx, strlen(purpose),
				   (const uint8_t *)purpose);
	}
	hmac_sha256_update(&ctx, strlen(msg), (const uint8_t *)msg);
	hmac_sha256_digest(&ctx, sizeof(digest), digest);
	hex_encode(digest, sizeof(digest), hex);
	if (nhex > 2 * SHA256_DIGEST_SIZE) {
		nhex = 2 * SHA256_DIGEST_SIZE;
	}
	memcpy(out, hex, nhex);
	out[nhex] = '\0';
}
