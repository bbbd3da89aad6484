package io.ackflow.app.sweep.internal;

/** Finding bytes in bytes: record keys, values and headers, and HTTP answers. */
final class ByteSearch {
    private ByteSearch() {}

    static boolean contains(byte[] haystack, byte[] needle) {
        return haystack != null && indexOf(haystack, needle, 0) >= 0;
    }

    static int indexOf(byte[] haystack, byte[] needle, int from) {
        outer:
        for (int i = Math.max(0, from); i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
