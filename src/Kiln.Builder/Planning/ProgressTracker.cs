namespace Kiln.Builder.Planning;

/// <summary>
/// Turns "stage S is F done" into an overall percent using the plan's stage weights. The percent never goes
/// backwards, so a client polling it sees a monotonic bar.
/// </summary>
public sealed class ProgressTracker(IReadOnlyList<PlannedStage> stages, IProgress<BuildProgress>? sink)
{
    private readonly Lock _gate = new();
    private readonly int _total = Math.Max(1, stages.Sum(s => s.Weight));
    private double _last;

    public double Percent { get { lock (_gate) return _last; } }

    public void Report(string stage, double fraction, string message)
    {
        var index = stages.ToList().FindIndex(s => s.Name == stage);
        if (index < 0)
            throw new ArgumentException($"stage '{stage}' is not in the plan", nameof(stage));
        var before = stages.Take(index).Sum(s => s.Weight);
        var percent = 100.0 * (before + stages[index].Weight * Math.Clamp(fraction, 0, 1)) / _total;
        BuildProgress update;
        lock (_gate)
        {
            _last = Math.Max(_last, Math.Min(percent, 100));
            update = new BuildProgress(stage, Math.Round(_last, 1), message);
        }
        sink?.Report(update);
    }
}
