using Kiln.Builder.Appliances;

namespace Kiln.Builder.Tests.Integration;

/// <summary>The appliances the integration tests build: one base (minimal + jq), two boot modes.</summary>
internal static class TestAppliances
{
    public const string OpsPassword = "ops-Pa55";
    public const string RootPassword = "r00t-Pa55";

    public static ApplianceDefinition Web(string boot = "bios", string name = "kilntest") => new()
    {
        Name = name,
        Version = "1.0",
        Os = new OsProfileSpec { Distribution = "debian", Release = "12", Arch = "x86_64", Profile = "minimal", Packages = ["jq"] },
        InstallProfile = new InstallProfile
        {
            DiskSize = 2048,
            SwapSize = 128,
            MemorySize = 768,
            Hostname = name + "-host",
            Timezone = "Europe/Paris",
            Keyboard = "fr",
            RootUser = new RootUser { Password = RootPassword },
            Users =
            [
                new UserAccount
                {
                    Name = "ops", FullName = "Operations", Password = OpsPassword, Sudo = true, Groups = ["adm"],
                    SshKeys = ["ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIG8kq8mLmR0Yx3b6F5j1n7r2Zk9tQ0c1Wv5pXyZaBcDe ops@example"],
                },
                new UserAccount { Name = "deploy", SshKeys = ["ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIDeployKeyDeployKeyDeployKeyDeployKeyAAAA deploy"], Sudo = true },
            ],
            WelcomeMsg = "Welcome to the Kiln test appliance",
        },
        BootScripts =
        [
            new BootScript { Name = "seed", Type = "firstboot", Script = "echo seeded > /var/lib/kiln-seed" },
            new BootScript { Name = "count", Type = "everyboot", Script = "echo boot >> /var/lib/kiln-boots" },
        ],
        Boot = boot,
    };
}
