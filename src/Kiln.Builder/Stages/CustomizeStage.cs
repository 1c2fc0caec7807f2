using Kiln.Builder.Planning;
using Kiln.Builder.Processes;

namespace Kiln.Builder.Stages;

/// <summary>Applies the install profile to the workspace's copy of the tree. Host tools: useradd, groupadd, chpasswd, chown, systemctl, du.</summary>
internal sealed class CustomizeStage : IBuildStage
{
    public string Name => StageNames.Customize;

    public async Task RunAsync(BuildContext context, CancellationToken cancellationToken)
    {
        var tree = context.Workspace.Tree;
        var plan = context.Plan;
        context.Progress.Report(Name, 0, "host name, fstab, time zone, keyboard, network");
        SystemSettings.Apply(tree, plan);

        context.Progress.Report(Name, 0.2, "users, passwords, SSH keys, sudo");
        await Accounts.ApplyAsync(tree, plan.Appliance.InstallProfile, context.Runner, cancellationToken).ConfigureAwait(false);

        context.Progress.Report(Name, 0.6, "boot scripts and services");
        var units = BootUnits.Write(tree, plan.Appliance).Concat(["systemd-networkd.service", "systemd-resolved.service"]);
        await context.RunAsync(new ToolInvocation("systemctl", ["--root=" + tree, "--quiet", "enable", .. units]), cancellationToken)
            .ConfigureAwait(false);

        context.InstalledPackages = Packages.InstalledPackages.Read(TreeFiles.ResolveTarget(tree, "/var/lib/dpkg/status"));
        context.Progress.Report(Name, 0.8, "measuring the tree");
        var du = await context.RunAsync(new ToolInvocation("du", ["-s", "-x", "--block-size=1M", tree]), cancellationToken).ConfigureAwait(false);
        context.TreeMiB = int.Parse(du.StandardOutput.Split('\t', 2)[0], System.Globalization.CultureInfo.InvariantCulture);
        var install = plan.Appliance.InstallProfile;
        var needed = DiskLayout.RequiredDiskMiB(context.TreeMiB, install.SwapSize, plan.Uefi);
        if (install.DiskSize < needed)
            throw new Appliances.ApplianceValidationException(
                [new("installProfile.diskSize", DiskLayout.TooSmallMessage(install.DiskSize, needed, context.TreeMiB, install.SwapSize))]);
        context.Progress.Report(Name, 1, $"tree is {context.TreeMiB} MB");
    }
}
