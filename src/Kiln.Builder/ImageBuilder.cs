using System.Diagnostics;
using Kiln.Builder.Appliances;
using Kiln.Builder.Cache;
using Kiln.Builder.Packages;
using Kiln.Builder.Planning;
using Kiln.Builder.Processes;
using Kiln.Builder.Stages;

namespace Kiln.Builder;

/// <summary>
/// Builds an appliance into images: validates and plans without running anything, then runs the stages on one
/// raw disk and hands out every requested format. Artefacts appear in the output directory only when the whole
/// build succeeded; scratch space and partial files are removed on every exit path.
/// </summary>
public sealed class ImageBuilder
{
    private readonly BuilderOptions _options;
    private readonly IProcessRunner _runner;
    private readonly TimeProvider _time;

    public ImageBuilder(BuilderOptions options, IProcessRunner? runner = null, TimeProvider? time = null)
    {
        _options = options;
        _runner = runner ?? new ProcessRunner();
        _time = time ?? TimeProvider.System;
        Cache = new BaseTreeCache(options.CacheDirectory, options.CacheMaxBytes, _runner, _time);
        PackageIndexes = new PackageIndexStore(options.CacheDirectory, _runner, time: _time);
    }

    public BaseTreeCache Cache { get; }

    /// <summary>The signed package indexes of the releases built from, also what package searches read.</summary>
    public PackageIndexStore PackageIndexes { get; }

    /// <summary>Validates and plans a request without running any tool; throws <see cref="ApplianceValidationException"/>.</summary>
    public BuildPlan Plan(BuildRequest request, DiskIdentifiers? ids = null)
    {
        var plan = BuildPlanner.Plan(request, _options.Mirror ?? AptSources.DefaultMirror(), ids ?? DiskIdentifiers.CreateRandom(),
            _time.GetUtcNow(), key => Cache.Find(key)?.SizeMiB);
        var clashes = plan.Formats.Select(f => Path.Combine(request.OutputDirectory, plan.ArtefactFileName(f))).Where(File.Exists).ToList();
        if (clashes.Count > 0 && !request.Overwrite)
            throw new ApplianceValidationException([.. clashes.Select(c => new ValidationError("output", $"{c} already exists; choose another directory or overwrite it"))]);
        return plan;
    }

    public async Task<BuildReport> BuildAsync(BuildRequest request, IProgress<BuildProgress>? progress, CancellationToken cancellationToken,
        DiskIdentifiers? ids = null)
    {
        var started = Stopwatch.StartNew();
        var plan = Plan(request, ids);
        if (_options.CheckPackages)
            await PackageCheck.ThrowIfUnknownAsync(plan, PackageIndexes, cancellationToken).ConfigureAwait(false);
        await SweepAsync(cancellationToken).ConfigureAwait(false);
        await StagingDirectory.SweepAsync(request.OutputDirectory, _runner).ConfigureAwait(false);

        var tracker = new ProgressTracker(plan.Stages, progress);
        await using var workspace = Workspace.Create(_options.WorkDirectory, _runner);
        await using var staging = StagingDirectory.Create(request.OutputDirectory, _runner);
        var context = new BuildContext(plan, _runner, workspace, staging.Path, Cache, _options, tracker);
        var checksums = new ChecksumStage();
        var timings = new List<StageTiming>();
        foreach (var stage in StagesOf(plan, checksums))
        {
            var watch = Stopwatch.StartNew();
            try
            {
                await stage.RunAsync(context, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not (OperationCanceledException or ApplianceValidationException or BuildFailedException))
            {
                throw new BuildFailedException(stage.Name, e);
            }
            timings.Add(new StageTiming(stage.Name, watch.Elapsed));
        }

        var artefacts = StagingDirectory.Publish(checksums.Artefacts, request.OutputDirectory);
        return new BuildReport(plan.Appliance.Name, plan.BaseKey.Value, context.BaseCacheHit, artefacts, timings, started.Elapsed)
        {
            Packages = context.InstalledPackages,
        };
    }

    private static IEnumerable<IBuildStage> StagesOf(BuildPlan plan, ChecksumStage checksums)
    {
        var byName = new Dictionary<string, IBuildStage>
        {
            [StageNames.Bootstrap] = new BootstrapStage(),
            [StageNames.Customize] = new CustomizeStage(),
            [StageNames.Disk] = new DiskStage(),
            [StageNames.Convert] = new ConvertStage(),
            [StageNames.Verify] = new VerifyStage(),
            [StageNames.Package] = new PackageStage(),
            [StageNames.Checksum] = checksums,
        };
        return plan.Stages.Select(s => byName[s.Name]);
    }

    /// <summary>
    /// Removes what builds killed before their cleanup left (scratch directories, half-made base trees, the tools still
    /// writing them), before every build: a long-running service sees processes die at any time. Housekeeping must not
    /// fail the build: what cannot be removed now is left for the next sweep.
    /// </summary>
    public async Task SweepAsync(CancellationToken cancellationToken)
    {
        try
        {
            await Workspace.SweepAsync(_options.WorkDirectory, _runner, cancellationToken).ConfigureAwait(false);
            await Cache.SweepAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ToolFailedException)
        {
            // Left for the next build's sweep.
        }
    }
}
