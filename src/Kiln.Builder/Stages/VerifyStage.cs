using Kiln.Builder.Planning;
using Kiln.Builder.Tools;

namespace Kiln.Builder.Stages;

/// <summary>Checks each converted disk whose format qemu-img can check (the OVA's VMDK before it is packaged). Host tool: qemu-img.</summary>
internal sealed class VerifyStage : IBuildStage
{
    public string Name => StageNames.Verify;

    public async Task RunAsync(BuildContext context, CancellationToken cancellationToken)
    {
        var checkable = context.Outputs.Where(o => o.Key.Checkable && o.Key.QemuFormat is not null && o.Key.Kind == Formats.FormatKind.DiskImage).ToList();
        for (var i = 0; i < checkable.Count; i++)
        {
            var (format, path) = (checkable[i].Key, checkable[i].Value);
            context.Progress.Report(Name, (double)i / checkable.Count, $"checking {format.Name}");
            await context.RunAsync(QemuImg.Check(path, format.QemuFormat!), cancellationToken).ConfigureAwait(false);
        }
        context.Progress.Report(Name, 1, "images check clean");
    }
}
