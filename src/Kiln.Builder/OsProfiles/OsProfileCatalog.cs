namespace Kiln.Builder.OsProfiles;

/// <summary>The distributions, releases and profiles this builder knows how to bootstrap.</summary>
public static class OsProfileCatalog
{
    /// <summary>Debian's architecture name for each accepted UForge arch.</summary>
    public static readonly IReadOnlyDictionary<string, string> Architectures =
        new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase) { ["x86_64"] = "amd64", ["amd64"] = "amd64" };

    private static readonly string[] MinimalPackages =
    [
        "linux-image-amd64", "systemd-sysv", "udev", "initramfs-tools", "systemd-resolved",
    ];

    private static readonly string[] StandardExtras =
    [
        "openssh-server", "sudo", "ca-certificates", "less", "vim-tiny", "curl", "iproute2", "iputils-ping",
        "procps", "bash-completion", "logrotate", "cron", "lsof", "nano", "wget", "gnupg",
        "netbase", "kmod", "dbus",
    ];

    public static IReadOnlyList<DistributionRelease> Releases { get; } =
    [
        new("debian", "12", "bookworm", ["12", "bookworm"],
        [
            new OsProfile("minimal", "minbase, Linux kernel, systemd, udev, initramfs-tools and DHCP networking",
                MinimalPackages, 640),
            new OsProfile("standard", "minimal plus OpenSSH server, sudo, CA certificates and the usual admin tools",
                [.. MinimalPackages, .. StandardExtras], 720),
        ]),
    ];

    public static DistributionRelease? FindRelease(string distribution, string release) =>
        Releases.FirstOrDefault(r =>
            string.Equals(r.Distribution, distribution, StringComparison.OrdinalIgnoreCase)
            && r.Aliases.Contains(release, StringComparer.OrdinalIgnoreCase));
}
