/// The commands' help texts (`lenet-tui help COMMAND`, `--help`): what each command does and examples.
/// Kept here so the executable holds only the argument declarations; each text is the command's own.
public enum CommandHelp {
    /// `lenet-tui` itself: the one-line summary.
    public static let rootAbstract = "Train LeNet-5 on MNIST with a pure-Swift engine and watch it learn in the terminal."
    /// `lenet-tui` itself: the discussion under the subcommands.
    public static let rootDiscussion = """
        With no subcommand, opens the training dashboard and trains with config.json (flags override \
        it). Keys: p or space pause/resume, + and - learning rate x2 and /2, < and > pace, . one \
        mini-batch while paused, r rewind, d draw a digit, n network view, g saliency, tab next panel, \
        s save, ? help, q quit; the mouse draws on the pad (--no-mouse leaves it to the terminal).

        Examples:
          lenet-tui                     # the dashboard: bundled MNIST, config.json
          lenet-tui --epochs 3 --lr 0.002
          lenet-tui train --epochs 2 --json
          lenet-tui test --checkpoint checkpoints/lenet5.safetensors
          lenet-tui draw                # the draw pad alone, pretrained weights
          lenet-tui predict assets/sketches/7-small-corner.txt
          lenet-tui inspect --results results/inside assets/sketches/3-large.txt
          lenet-tui summary             # layers, shapes, parameters, FLOPs
        """
    /// `tui`: the one-line summary.
    public static let tuiAbstract = "Train with the live dashboard (the default when no subcommand is given)."
    /// `tui`: the discussion under the options.
    public static let tuiDiscussion = """
        Takes the same options as `train`. When stdout is not a terminal, or with --json, it behaves \
        like `train`. After every epoch it writes the checkpoint and, in --results DIR, metrics.csv, \
        training_curve.svg and filters_by_epoch.svg.

        Keys: p or space pause/resume, + and - the learning rate x2 and /2 from the next mini-batch, < \
        and > the pace (full speed, 200, 50, 10, 2, 1 mini-batches per second), . one mini-batch while \
        paused, r rewind to epoch 1 with the same seed (asks first), d draw a digit (Esc back), n the \
        network view (filters, feature maps, probabilities, training health; Esc back), g saliency on \
        the 28x28 input, tab next panel, s save the current weights now (weights only, with the epoch \
        and mini-batch they were taken at; not resumable), ? help, q quit (asks first when progress \
        since the last checkpoint would be lost).

        Mouse: a left drag on the draw pad inks, a right drag erases, a click picks a heatmap cell (a \
        second click opens its images), the wheel scrolls the epoch log. With the mouse read, Shift+drag \
        selects text in most terminals; --no-mouse (or "mouse": false in the config) leaves the mouse \
        to the terminal.

        Examples:
          lenet-tui                                  # MNIST with config.json
          lenet-tui --epochs 3 --lr 0.002 --seed 7
          lenet-tui --dataset fashion-mnist --epochs 2
          lenet-tui --resume checkpoints/lenet5.safetensors --epochs 15
        """
    /// `augment`: the one-line summary.
    public static let augmentAbstract = "Show training images (or sketches) as the augmentation of a config distorts them."
    /// `augment`: the discussion under the options.
    public static let augmentDiscussion = """
        Uses the augment_* and elastic_* keys of the config (--config, else ./config.json, where they \
        are off). Without FILE it shows the first --count training images, each as it is and as epochs \
        1, 2, 3, ... distort it (at the same position of the epoch's order; every epoch draws anew). With \
        FILE (text art or PGM, preprocessed as predict does) it shows each sketch and --count distortions.

        Images are drawn as text, one character per pixel column and two pixel rows; --results DIR also \
        writes DIR/augmented.svg. --bench times loading one epoch of mini-batches with and without the \
        augmentation: the cost augmentation adds to an epoch.

        Examples:
          lenet-tui augment --config configs/best.json
          lenet-tui augment --config configs/best.json --count 6 --results out
          lenet-tui augment --config configs/best.json assets/sketches/7-small-corner.txt
          lenet-tui augment --config configs/best.json --bench
        """
    /// `summary`: the one-line summary.
    public static let summaryAbstract = "Print LeNet-5's layers with output shapes, parameter counts and FLOPs per image."
    /// `summary`: the discussion under the options.
    public static let summaryDiscussion = """
        Like PyTorch's print(model) with shapes: every layer (the checkpoint's names c1, c3, c5, f6, \
        output, and the pooling and flattening between them) with its output shape for one image \
        (C×H×W), its parameters and its FLOPs for the forward pass and for training, and the totals \
        (61,706 parameters). A multiply-add counts as 2 FLOPs; bias, ReLU, pooling and softmax are not \
        counted. Training counts forward, weight gradients and input gradients; the same count gives \
        `lenet-tui bench` its GFLOP/s. The numbers are computed from the engine's layer definitions.

        Examples:
          lenet-tui summary
          lenet-tui summary --json
        """
    /// `test`: the one-line summary.
    public static let testAbstract = "Evaluate a checkpoint on the 10,000 test images: accuracy, loss, confusion matrix, per-class report."
    /// `test`: the discussion under the options.
    public static let testDiscussion = """
        Prints the accuracy, the confusion matrix (rows: true class) and each class's precision, \
        recall, F1 and support; writes DIR/confusion_matrix.svg. Reads any safetensors file with \
        PyTorch's state_dict names (c1.weight ... output.bias), e.g. one saved by PyTorch. The dataset \
        defaults to the one recorded in the checkpoint, else MNIST. The first line says what the file \
        holds: an epoch checkpoint's epoch, or where in its run the dashboard's s key took the weights.

        Examples:
          lenet-tui test --checkpoint checkpoints/lenet5.safetensors
          lenet-tui test --json
          lenet-tui test --misclassified 5
          lenet-tui test --checkpoint fashion.safetensors --results results/fashion
          lenet-tui test --checkpoint torch.safetensors --dataset fashion-mnist
        """
    /// `train`: the one-line summary.
    public static let trainAbstract = "Train LeNet-5 without the UI: one line per epoch, a checkpoint after every epoch."
    /// `train`: the discussion under the options.
    public static let trainDiscussion = """
        After every epoch it writes the checkpoint (safetensors, PyTorch's state_dict names) and, in \
        --results DIR, metrics.csv (one row per epoch), training_curve.svg (loss and accuracy, train and \
        test) and filters_by_epoch.svg (c1's six 5x5 filters after every epoch, from the initial weights \
        on; a resumed run's picture starts at the epoch it resumes from).

        Examples:
          lenet-tui train --epochs 2 --json
          lenet-tui train --limit 2000 --epochs 1 --checkpoint /tmp/quick.safetensors
          lenet-tui train --optimizer sgd --lr 0.05 --seed 7
          lenet-tui train --dataset fashion-mnist --epochs 2 --results results/fm
          lenet-tui train --resume checkpoints/lenet5.safetensors --epochs 15
          lenet-tui train --config configs/fast99.json --until 99%
        """
    /// `draw`: the one-line summary.
    public static let drawAbstract = "Draw digits with the keyboard and watch LeNet-5 read them (the pad alone, no training)."
    /// `draw`: the discussion under the options.
    public static let drawDiscussion = """
        Arrows or h/j/k/l move, space puts the pen down or up, x toggles the eraser, [ and ] set the \
        brush (1-3: NxN pixels, the cursor at the top-left), c clears, v shows the 28x28 image the network sees, g overlays its saliency map, n \
        opens the network view (filters and feature maps of the drawing), ? lists the keys, q or Esc \
        quits. With the mouse, a left drag inks and a right drag erases (Shift+drag selects text in \
        most terminals; --no-mouse leaves the mouse to the terminal). The line under the title says where the weights come from (an epoch checkpoint's epoch, \
        or where the dashboard's s key took them).

        Examples:
          lenet-tui draw
          lenet-tui draw --checkpoint checkpoints/lenet5.safetensors
        """
    /// `inspect`: the one-line summary.
    public static let inspectAbstract = "See inside LeNet-5: every layer's activations for sketches, and which pixels drive the prediction."
    /// `inspect`: the discussion under the options.
    public static let inspectDiscussion = """
        Each sketch is read and preprocessed exactly as `predict` does, then run through the network \
        keeping every layer: the input, c1, pool1, c3, pool2, c5, f6, the logits and probabilities, and \
        the saliency map, the gradient of the predicted class's logit with respect to the input \
        (positive where more ink would raise it). The summary shows the top 3 classes, the c1 and c3 \
        maps with the largest mean activation, and the input beside |saliency| as text.

        --json prints one object per file with the keys file, prediction, probabilities, logits, input, \
        c1, pool1, c3, pool2, c5, f6 and saliency: nested lists in NCHW order without the batch axis \
        (input and saliency 28 rows of 28), floats that read back exactly.

        --results DIR writes activations.svg (the first file's input, saliency and every layer's maps) \
        and filters.svg (c1's and c3's filters on a blue-white-red scale centred at 0).

        A bad file gets one error line naming it; the others are still inspected; the exit status is \
        then 1.

        Examples:
          lenet-tui inspect assets/sketches/7-small-corner.txt
          lenet-tui inspect --results results/inside assets/sketches/3-large.txt
          lenet-tui inspect --json assets/sketches/*.txt > layers.jsonl
          lenet-tui inspect --checkpoint checkpoints/lenet5.safetensors --no-centre drawing.pgm
        """
    /// `predict`: the one-line summary.
    public static let predictAbstract = "Classify sketches (text art or PGM) with a checkpoint, preprocessed as MNIST was made."
    /// `predict`: the discussion under the options.
    public static let predictDiscussion = """
        Each sketch is cropped to its ink, scaled so its longer side is 20 pixels (area averaging) and \
        placed with its centre of mass at the centre of a 28x28 field, as the MNIST digits were made.

        Formats: text art (rows of '.' and '#', or digits 0-9 as grey levels, 9 = full ink; any size) \
        and PGM (P2 or P5, any size; dark-on-light pictures are inverted). A bad file gets one error \
        line naming it; the others are still classified; the exit status is then 1. Weights saved with \
        the dashboard's s key get a note on stderr saying where in their run they were taken.

        Examples:
          lenet-tui predict assets/sketches/7-small-corner.txt
          lenet-tui predict --json drawing.pgm
          lenet-tui predict --checkpoint checkpoints/lenet5.safetensors assets/sketches/*.txt
        """
}
