using Kiln.Builder.Appliances;

namespace Kiln.Builder.Stages;

/// <summary>
/// systemd units the image runs by itself: the appliance's boot scripts (first boot only, or every boot), the
/// first-boot marker on the serial console, and per-machine SSH host keys.
/// </summary>
internal static class BootUnits
{
    public const string FirstBootUnit = "kiln-firstboot.service";
    public const string EveryBootUnit = "kiln-everyboot.service";
    public const string SshHostKeysUnit = "kiln-ssh-hostkeys.service";
    private const string Runner = "/usr/lib/kiln/kiln-boot-scripts";

    /// <summary>Writes the units and scripts; returns the units to enable.</summary>
    public static IReadOnlyList<string> Write(string tree, ApplianceDefinition appliance)
    {
        TreeFiles.Write(tree, Runner, RunnerScript, TreeFiles.Executable);
        var scripts = appliance.BootScripts;
        for (var i = 0; i < scripts.Count; i++)
            TreeFiles.Write(tree, $"/usr/lib/kiln/{scripts[i].Type}.d/{i + 1:D2}-{scripts[i].Name}", Normalize(scripts[i].Script), TreeFiles.Executable);

        var units = new List<string> { FirstBootUnit };
        TreeFiles.Write(tree, "/etc/systemd/system/" + FirstBootUnit, FirstBoot(appliance.Name));
        if (scripts.Any(s => s.Type == "everyboot"))
        {
            TreeFiles.Write(tree, "/etc/systemd/system/" + EveryBootUnit, EveryBoot);
            units.Add(EveryBootUnit);
        }
        if (TreeFiles.Exists(tree, "/etc/ssh/sshd_config"))
        {
            // The base tree is shared by every image built from it: its host keys must not be.
            foreach (var key in Directory.EnumerateFiles(TreeFiles.ResolveTarget(tree, "/etc/ssh"), "ssh_host_*"))
                File.Delete(key);
            TreeFiles.Write(tree, "/etc/systemd/system/" + SshHostKeysUnit, SshHostKeys);
            units.Add(SshHostKeysUnit);
        }
        return units;
    }

    private static string Normalize(string script) =>
        (script.StartsWith("#!", StringComparison.Ordinal) ? script : "#!/bin/sh\n" + script).ReplaceLineEndings("\n").TrimEnd() + "\n";

    internal static string FirstBoot(string applianceName) => $"""
        [Unit]
        Description=Kiln first boot: appliance boot scripts, then the readiness marker
        After=multi-user.target network-online.target
        ConditionPathExists=!/var/lib/kiln/firstboot.done

        [Service]
        Type=oneshot
        RemainAfterExit=yes
        ExecStart={Runner} firstboot {applianceName}

        [Install]
        WantedBy=multi-user.target

        """;

    private const string EveryBoot = $"""
        [Unit]
        Description=Kiln every boot: appliance boot scripts
        After=multi-user.target network-online.target kiln-firstboot.service

        [Service]
        Type=oneshot
        RemainAfterExit=yes
        ExecStart={Runner} everyboot

        [Install]
        WantedBy=multi-user.target

        """;

    private const string SshHostKeys = """
        [Unit]
        Description=Kiln: generate this machine's SSH host keys
        Before=ssh.service
        ConditionPathExists=!/etc/ssh/ssh_host_ed25519_key

        [Service]
        Type=oneshot
        ExecStart=/usr/bin/ssh-keygen -A

        [Install]
        WantedBy=multi-user.target

        """;

    // Runs each script of one kind in order; a failing script is reported and does not stop the others.
    private const string RunnerScript = """
        #!/bin/sh
        # Kiln: runs the appliance's boot scripts of one kind (firstboot or everyboot).
        kind="$1"
        name="$2"
        failed=0
        console() { echo "$1"; [ -w /dev/ttyS0 ] && echo "$1" > /dev/ttyS0; return 0; }
        for script in /usr/lib/kiln/"$kind".d/*; do
            [ -f "$script" ] || continue
            if "$script"; then
                echo "kiln: $kind script $(basename "$script") succeeded"
            else
                code=$?
                failed=1
                console "KILN-BOOTSCRIPT-FAILED $(basename "$script") exit $code"
            fi
        done
        if [ "$kind" = firstboot ]; then
            mkdir -p /var/lib/kiln
            touch /var/lib/kiln/firstboot.done
            console "KILN-BOOT-OK $name"
        fi
        exit $failed

        """;
}
