package org.oodrunner.framework.track.mlflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class MlflowNamesTest {
    @Test
    void keysMlflowAcceptsAreKept() {
        for (String k : List.of("train/loss", "log_likelihood/mnist/test/auroc", "data.train.limit", "a b-c.d_e/f")) {
            assertTrue(MlflowNames.isValidKey(k), k);
            assertEquals(k, MlflowNames.key(k));
        }
    }

    @Test
    void labelsAndSpecPathsAreRewrittenToValidKeys() {
        assertEquals("data.ood.0.limit", MlflowNames.key("data.ood[0].limit"));
        assertEquals("log_likelihood/mnist/train_0_1_/auroc", MlflowNames.key("log_likelihood/mnist/train[0,1]/auroc"));
        assertEquals("a/b/c", MlflowNames.key("a//b/c/"));
        assertEquals("_/x/__/y", MlflowNames.key("./x/../y"));
        for (String k : List.of("data.ood[0].limit", "mnist/train[0,1]", "a//b", "x:y", "né/été", "")) {
            assertTrue(MlflowNames.isValidKey(MlflowNames.key(k)), k + " -> " + MlflowNames.key(k));
        }
        assertFalse(MlflowNames.isValidKey("a//b"));
        assertFalse(MlflowNames.isValidKey("a/"));
    }

    @Test
    void rewritingIsAPureFunctionAndCollisionsGetDistinctKeys() {
        String a = "scorer/set(1)/auroc";
        String b = "scorer/set[1]/auroc".replace("[1]", "_1_");
        assertEquals(MlflowNames.key(a), MlflowNames.key(a));
        assertEquals(MlflowNames.key(a), "scorer/set_1_/auroc");
        assertEquals(MlflowNames.key(a), b);
        String second = MlflowNames.disambiguated(a);
        assertNotEquals(MlflowNames.key(a), second);
        assertTrue(MlflowNames.isValidKey(second));
        assertEquals(second, MlflowNames.disambiguated(a));
    }

    @Test
    void longKeysAndValuesAreCutToTheLimits() {
        String longKey = "k".repeat(300) + "[0]";
        String key = MlflowNames.key(longKey);
        assertEquals(MlflowNames.MAX_KEY, key.length());
        assertTrue(MlflowNames.isValidKey(key));
        assertNotEquals(key, MlflowNames.key("k".repeat(301)));

        String value = "v".repeat(7000);
        String p = MlflowNames.paramValue(value);
        assertEquals(MlflowNames.MAX_PARAM_VALUE, p.length());
        assertTrue(p.endsWith(MlflowNames.CUT_MARK));
        assertEquals(MlflowNames.MAX_TAG_VALUE, MlflowNames.tagValue(value).length());
        assertEquals("short", MlflowNames.paramValue("short"));
    }
}
