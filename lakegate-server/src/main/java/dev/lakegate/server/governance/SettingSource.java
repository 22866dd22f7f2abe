package dev.lakegate.server.governance;

/** Where a per-endpoint setting in force comes from: answered by the admin API as {@code source}. */
public enum SettingSource {
    /** The endpoint's entry in the configuration file: nothing was set through the API. */
    CONFIGURATION("configuration"),
    /** Set through the admin API and stored in the control plane: it replaces the file's value. */
    API("api");

    private final String id;

    SettingSource(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }
}
