using Kiln.Builder.Appliances;

namespace Kiln.Builder.Tests.Support;

/// <summary>Appliance definitions for tests: a valid one, and zone files to validate its time zone against.</summary>
internal static class SampleAppliances
{
    public const string EdKey = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIG8kq8mLmR0Yx3b6F5j1n7r2Zk9tQ0c1Wv5pXyZaBcDe ops@example";

    public static ApplianceDefinition Valid(
        InstallProfile? install = null, IReadOnlyList<BootScript>? bootScripts = null, string boot = "bios",
        OsProfileSpec? os = null) => new()
    {
        Name = "web",
        Version = "1.0",
        Os = os ?? new OsProfileSpec { Distribution = "debian", Release = "12", Arch = "x86_64", Profile = "minimal" },
        InstallProfile = install ?? new InstallProfile { DiskSize = 2048, Hostname = "web", Timezone = "Etc/UTC" },
        BootScripts = bootScripts ?? [],
        Boot = boot,
    };

    /// <summary>A zoneinfo directory with a few zones, and a file beside it that a '..' zone name would reach.</summary>
    public static string FakeZoneInfo(TempDirectory temp)
    {
        foreach (var zone in new[] { "Etc/UTC", "Europe/Paris", "America/Argentina/Buenos_Aires" })
            temp.WriteFile("zoneinfo/" + zone, "TZif2");
        temp.WriteFile("etc/passwd", "root:x:0:0::/root:/bin/sh\n");
        return temp.Combine("zoneinfo");
    }
}
