package dev.lakegate.server.provider;

/** The key the gateway injects when calling the scripted model, so tests can see injection happen. */
public final class ScriptedCredential {
    public static final String KEY = "lakegate-scripted-provider-key";

    private ScriptedCredential() {}
}
