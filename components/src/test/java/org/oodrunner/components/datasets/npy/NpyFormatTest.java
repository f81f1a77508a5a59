package org.oodrunner.components.datasets.npy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class NpyFormatTest {
    @Test
    void readsBytesAndIntegersOfEveryWidth() throws IOException {
        NpyArray a = NpyFormat.read(new ByteArrayInputStream(NpyWriter.npy("|u1", "(2, 3)", new byte[] {1, 2, 3, 4, 5, (byte) 250})), "a.npy");
        assertArrayEquals(new long[] {2, 3}, a.shape());
        assertEquals(250, a.bytes("a.npy")[5] & 0xFF);
        NpyArray b = NpyFormat.read(new ByteArrayInputStream(NpyWriter.npy("<i8", "(3,)", NpyWriter.int64s(1000, -2, 7))), "b.npy");
        assertArrayEquals(new int[] {1000, -2, 7}, b.ints("b.npy"));
        byte[] be = ByteBuffer.allocate(4).order(ByteOrder.BIG_ENDIAN).putShort((short) 300).putShort((short) -1).array();
        assertArrayEquals(new int[] {300, 65535}, NpyFormat.read(new ByteArrayInputStream(NpyWriter.npy(">u2", "(2,)", be)), "c").ints("c"));
        assertThrows(IllegalArgumentException.class, () -> b.bytes("b.npy"));
    }

    @Test
    void truncatedDataNamesTheFileAndTheOffset() {
        byte[] full = NpyWriter.npy("|u1", "(100,)", new byte[100]);
        byte[] cut = Arrays.copyOf(full, full.length - 30);
        IOException e = assertThrows(IOException.class, () -> NpyFormat.read(new ByteArrayInputStream(cut), "x.npz!data.npy"));
        assertTrue(e.getMessage().equals("x.npz!data.npy: truncated at byte offset " + (full.length - 30)
                + ": the data should end at " + full.length), e.getMessage());
        IOException notNpy = assertThrows(IOException.class,
                () -> NpyFormat.read(new ByteArrayInputStream("PK\3\4 not numpy".getBytes()), "y.npy"));
        assertTrue(notNpy.getMessage().contains("y.npy: not a .npy array"), notNpy.getMessage());
    }

    @Test
    void readsNpzFilesWrittenByNumPy() throws IOException {
        for (String name : new String[] {"imagenet32_numpy_savez.npz", "imagenet32_numpy_savez_compressed.npz"}) {
            try (InputStream in = getClass().getResourceAsStream("/fixtures/" + name)) {
                Map<String, NpyArray> arrays = NpzArchive.read(in, name, Set.of("data", "labels"));
                assertArrayEquals(new long[] {2, 3072}, arrays.get("data").shape(), name);
                assertEquals((31 + 7 * (1024 + 5)) % 256, arrays.get("data").bytes(name)[3072 + 1024 + 5] & 0xFF, name);
                assertArrayEquals(new int[] {1000, 7}, arrays.get("labels").ints(name), name);
            }
        }
    }

    @Test
    void aMissingArrayIsNamed() throws IOException {
        ByteArrayOutputStream zip = new ByteArrayOutputStream();
        try (java.util.zip.ZipOutputStream out = new java.util.zip.ZipOutputStream(zip)) {
            out.putNextEntry(new java.util.zip.ZipEntry("data.npy"));
            out.write(NpyWriter.npy("|u1", "(1,)", new byte[1]));
        }
        IOException e = assertThrows(IOException.class,
                () -> NpzArchive.read(new ByteArrayInputStream(zip.toByteArray()), "v.npz", Set.of("data", "labels")));
        assertEquals("v.npz: has no array 'labels'", e.getMessage());
    }
}
