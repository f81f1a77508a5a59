package org.oodrunner.components.datasets.archive;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TarEntriesTest {
    @Test
    void readsRegularFilesLongNamesAndSkipsUnwantedOnes() throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put("a/one.bin", new byte[] {1, 2, 3});
        String longName = "dir/" + "x".repeat(120) + ".png";
        entries.put(longName, new byte[700]);
        entries.put("a/skip.bin", new byte[5000]);
        byte[] tar = TarWriter.bytes(entries);
        List<String> names = new ArrayList<>();
        TarEntries.forEach(new ByteArrayInputStream(tar), name -> !name.endsWith("skip.bin"), (name, content) -> {
            names.add(name);
            if (name.equals("a/one.bin")) assertArrayEquals(new byte[] {1, 2, 3}, content);
            if (name.equals(longName)) assertEquals(700, content.length);
            return true;
        });
        assertEquals(List.of("a/one.bin", longName), names);
    }

    @Test
    void aTruncatedArchiveNamesTheEntryItEndsIn() throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put("data_batch_1.bin", new byte[3000]);
        byte[] tar = TarWriter.bytes(entries);
        byte[] cut = Arrays.copyOf(tar, 512 + 1000);
        IOException e = assertThrows(IOException.class, () -> TarEntries.forEach(new ByteArrayInputStream(cut), (n, c) -> true));
        assertTrue(e.getMessage().contains("data_batch_1.bin") && e.getMessage().contains("truncated"), e.getMessage());
    }
}
