package org.oodrunner.framework.track.mlflow;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * What MLflow accepts as names and values, and how ours are made to fit. Keys must match
 * {@code ^[/\w.\- ]*$} and be at most 250 characters; a parameter value at most 6000, a tag value
 * at most 5000. MLflow also refuses a key that a file path would normalise to something else
 * ({@code a//b}, {@code a/}, {@code ./a}). Our keys come from dataset labels and spec paths
 * ({@code mnist/train[0,1]}, {@code data.ood[0].limit}), so they are rewritten by a pure function:
 * {@code [i]} becomes {@code .i}, any other refused character becomes {@code _}, empty path
 * segments go, {@code .} and {@code ..} segments become underscores, and an over-long key keeps
 * its start and gains a hash of the whole. Values past the limit are cut and marked.
 */
public final class MlflowNames {
    public static final int MAX_KEY = 250;
    public static final int MAX_PARAM_VALUE = 6000;
    public static final int MAX_TAG_VALUE = 5000;
    public static final int MAX_METRICS_PER_BATCH = 1000;
    public static final int MAX_PARAMS_PER_BATCH = 100;
    public static final int MAX_TAGS_PER_BATCH = 100;

    static final String CUT_MARK = "...[cut to MLflow's limit]";
    private static final Pattern VALID = Pattern.compile("[/\\w.\\- ]*", Pattern.UNICODE_CHARACTER_CLASS);
    private static final Pattern VALID_CHAR = Pattern.compile("[/\\w.\\- ]", Pattern.UNICODE_CHARACTER_CLASS);
    private static final Pattern INDEX = Pattern.compile("\\[(\\d+)]");

    private MlflowNames() {}

    public static boolean isValidKey(String key) {
        return !key.isEmpty() && key.length() <= MAX_KEY && VALID.matcher(key).matches() && normalPath(key).equals(key);
    }

    /** The MLflow key for one of ours: unchanged when MLflow accepts it. */
    public static String key(String original) {
        if (isValidKey(original)) return original;
        String s = INDEX.matcher(original).replaceAll(".$1");
        StringBuilder sb = new StringBuilder(s.length());
        s.codePoints().forEach(c -> {
            String ch = Character.toString(c);
            sb.append(VALID_CHAR.matcher(ch).matches() ? ch : "_");
        });
        String key = normalPath(sb.toString());
        if (key.isEmpty()) key = "_";
        if (key.length() > MAX_KEY) key = key.substring(0, MAX_KEY - 8) + "-" + shortHash(original);
        return key;
    }

    /** A second key for {@code original} when {@link #key} collides with another key's. */
    public static String disambiguated(String original) {
        String base = key(original);
        String suffix = "-" + shortHash(original);
        if (base.length() + suffix.length() > MAX_KEY) base = base.substring(0, MAX_KEY - suffix.length());
        return base + suffix;
    }

    /** The key as a path MLflow would not normalise further: no empty, "." or ".." segments. */
    private static String normalPath(String key) {
        StringBuilder sb = new StringBuilder(key.length());
        for (String segment : key.split("/")) {
            if (segment.isEmpty()) continue;
            if (sb.length() > 0) sb.append('/');
            sb.append(segment.equals(".") ? "_" : segment.equals("..") ? "__" : segment);
        }
        return sb.toString();
    }

    public static String paramValue(String value) {
        return cut(value, MAX_PARAM_VALUE);
    }

    public static String tagValue(String value) {
        return cut(value, MAX_TAG_VALUE);
    }

    private static String cut(String value, int max) {
        if (value == null) return "";
        if (value.length() <= max) return value;
        return value.substring(0, max - CUT_MARK.length()) + CUT_MARK;
    }

    /** Seven hex digits of SHA-256: enough to tell apart the few keys one run could collide on. */
    static String shortHash(String s) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d).substring(0, 7);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
