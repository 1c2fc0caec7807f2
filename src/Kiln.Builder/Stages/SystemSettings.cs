using System.Text;
using Kiln.Builder.Planning;

namespace Kiln.Builder.Stages;

/// <summary>The image's identity and settings: host name, fstab, time zone, keyboard, network, welcome message.</summary>
internal static class SystemSettings
{
    public static void Apply(string tree, BuildPlan plan)
    {
        var install = plan.Appliance.InstallProfile;
        var shortName = install.Hostname.Split('.')[0];
        TreeFiles.Write(tree, "/etc/hostname", install.Hostname + "\n");
        TreeFiles.Write(tree, "/etc/hosts", Hosts(install.Hostname, shortName));
        TreeFiles.Write(tree, "/etc/fstab", Fstab(plan));

        if (!TreeFiles.Exists(tree, "/usr/share/zoneinfo/" + install.Timezone))
            throw new InvalidOperationException($"installProfile.timezone: the image has no zone file for '{install.Timezone}' (is tzdata installed?)");
        TreeFiles.Symlink(tree, "/etc/localtime", "/usr/share/zoneinfo/" + install.Timezone);
        TreeFiles.Write(tree, "/etc/timezone", install.Timezone + "\n");

        TreeFiles.Write(tree, "/etc/default/keyboard",
            $"XKBMODEL=\"pc105\"\nXKBLAYOUT=\"{install.Keyboard}\"\nXKBVARIANT=\"\"\nXKBOPTIONS=\"\"\nBACKSPACE=\"guess\"\n");

        if (install.WelcomeMsg is { } welcome)
            TreeFiles.Write(tree, "/etc/motd", welcome.TrimEnd() + "\n");

        TreeFiles.Write(tree, "/etc/systemd/network/80-kiln-dhcp.network",
            "# Kiln: every wired interface asks DHCP for its address.\n[Match]\nName=en* eth*\n\n[Network]\nDHCP=yes\n");

        // Each machine made from the image must get its own identity at first boot.
        TreeFiles.Write(tree, "/etc/machine-id", "", UnixFileMode.UserRead | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        TreeFiles.Remove(TreeFiles.Resolve(tree, "/var/lib/dbus/machine-id"));
        TreeFiles.Remove(TreeFiles.Resolve(tree, "/var/lib/systemd/random-seed"));
    }

    internal static string Hosts(string hostname, string shortName) =>
        "127.0.0.1\tlocalhost\n" +
        $"127.0.1.1\t{(hostname == shortName ? hostname : hostname + " " + shortName)}\n" +
        "::1\t\tlocalhost ip6-localhost ip6-loopback\n" +
        "ff02::1\t\tip6-allnodes\n" +
        "ff02::2\t\tip6-allrouters\n";

    internal static string Fstab(BuildPlan plan)
    {
        var fstab = new StringBuilder("# <file system> <mount point> <type> <options> <dump> <pass>\n");
        fstab.Append($"UUID={plan.Ids.RootFsUuid} / ext4 errors=remount-ro 0 1\n");
        if (plan.Uefi)
            fstab.Append($"UUID={plan.Ids.BootVolumeUuid} /boot/efi vfat umask=0077,nofail 0 2\n");
        if (plan.Layout.Swap is not null)
            fstab.Append($"UUID={plan.Ids.SwapUuid} none swap sw,nofail 0 0\n");
        return fstab.ToString();
    }
}
