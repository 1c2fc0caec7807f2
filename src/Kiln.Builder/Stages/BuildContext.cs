using System.Collections.Concurrent;
using Kiln.Builder.Cache;
using Kiln.Builder.Formats;
using Kiln.Builder.Planning;
using Kiln.Builder.Processes;

namespace Kiln.Builder.Stages;

/// <summary>What the stages of one build share: the plan, the tools, the scratch space and what has been produced.</summary>
internal sealed class BuildContext(BuildPlan plan, IProcessRunner runner, Workspace workspace, string staging,
    BaseTreeCache cache, BuilderOptions options, ProgressTracker progress)
{
    public BuildPlan Plan { get; } = plan;
    public IProcessRunner Runner { get; } = runner;
    public Workspace Workspace { get; } = workspace;

    /// <summary>Hidden directory inside the output directory where artefacts are written until the build succeeds.</summary>
    public string Staging { get; } = staging;
    public BaseTreeCache Cache { get; } = cache;
    public BuilderOptions Options { get; } = options;
    public ProgressTracker Progress { get; } = progress;

    public Checksums Checksums { get; } = new();

    public bool BaseCacheHit { get; set; }

    /// <summary>The packages the image has, read after customizing.</summary>
    public IReadOnlyList<Packages.PackageInfo> InstalledPackages { get; set; } = [];

    /// <summary>Size of the customized tree, measured before the root file system is made.</summary>
    public int TreeMiB { get; set; }

    /// <summary>Files produced so far, by format (the VMDK an OVA wraps included).</summary>
    public ConcurrentDictionary<TargetFormat, string> Outputs { get; } = new();

    /// <summary>How long producing each output took, for the report and benchmarks.</summary>
    public ConcurrentDictionary<TargetFormat, TimeSpan> ProductionTimes { get; } = new();

    public Task<ToolResult> RunAsync(ToolInvocation invocation, CancellationToken cancellationToken) =>
        Runner.RunAsync(invocation, cancellationToken);

    /// <summary>Where a format's file is written: the output staging directory if it was asked for, else scratch space.</summary>
    public string OutputPathFor(TargetFormat format) =>
        Plan.Formats.Contains(format)
            ? Path.Combine(Staging, Plan.ArtefactFileName(format))
            : Workspace.File(Plan.ArtefactFileName(format));
}
